/**
 * The convocation letter in the applicants' languages, as data: each translation is the Italian letter said in
 * another language, sent below the Italian text, which is the one that counts. The staff read each one at
 * `/pratiche/convocazioni`; adding a language is adding an entry here.
 */
import type { AppointmentPurpose } from './contract.ts';

export type ConvocationTranslation = {
  /** The language's name in itself, as the letter's heading shows it. */
  name: string;
  dir: 'ltr' | 'rtl';
  /** The locale dates and times are written in. */
  locale: string;
  subject: string;
  /** The line above the Italian text, in the applicant's language, that says theirs follows. */
  notice: string;
  greeting: (name: string | null) => string;
  invitation: (office: string) => string;
  moved: (before: string) => string;
  date: string;
  time: (from: string, to: string) => string;
  place: string;
  purpose: string;
  caseNumber: string;
  mediator: string;
  documents: string;
  identity: string;
  calendar: string;
  link: string;
  purposes: Record<AppointmentPurpose, string>;
  /** The notice that an appointment is cancelled. */
  cancellation: {
    subject: string;
    cancelled: (when: string) => string;
    reason: string;
    followUp: string;
  };
};

export const CONVOCATION_TRANSLATIONS: Readonly<Record<string, ConvocationTranslation>> = {
  en: {
    name: 'English',
    dir: 'ltr',
    locale: 'en-GB',
    subject: 'Appointment',
    notice: 'The English translation follows the Italian text, which is the legally valid one.',
    greeting: (name) => `Dear ${name ?? 'applicant'},`,
    invitation: (office) =>
      `you are invited to come to the One-Stop Immigration Office (SUI) of the ${office}.`,
    moved: (before) => `your appointment of ${before} has been moved. This is the new appointment.`,
    date: 'Date',
    time: (from, to) => `Time: from ${from} to ${to}`,
    place: 'Place',
    purpose: 'Reason',
    caseNumber: 'Case number',
    mediator: 'A linguistic and cultural mediator will be present.',
    documents: 'Documents to bring:',
    identity:
      'Please bring a valid identity document. If you cannot come, please tell the office by replying to this message with your case number.',
    calendar: 'The appointment is attached in calendar format (.ics).',
    link: 'To confirm the appointment or move it to another free time, open this personal link:',
    purposes: {
      CONTRACT_SIGNATURE: 'Signature of the residence contract (contratto di soggiorno)',
      DOCUMENTS: 'Delivery or completion of documents',
      INTERVIEW: 'Interview',
      OUTCOME_DELIVERY: 'Delivery of the decision',
    },
    cancellation: {
      subject: 'Appointment cancelled',
      cancelled: (when) => `your appointment at the One-Stop Immigration Office of ${when} is cancelled.`,
      reason: 'Reason',
      followUp: 'The office will send you a new appointment if one is needed.',
    },
  },
  fr: {
    name: 'Français',
    dir: 'ltr',
    locale: 'fr-FR',
    subject: 'Convocation',
    notice: 'La traduction française suit le texte italien, qui seul fait foi.',
    greeting: (name) => `${name ? `Madame, Monsieur ${name}` : 'Madame, Monsieur'},`,
    invitation: (office) =>
      `vous êtes invité(e) à vous présenter au Guichet unique pour l’immigration (SUI) de la ${office}.`,
    moved: (before) => `votre rendez-vous du ${before} a été déplacé. Voici la nouvelle convocation.`,
    date: 'Date',
    time: (from, to) => `Heure : de ${from} à ${to}`,
    place: 'Lieu',
    purpose: 'Motif',
    caseNumber: 'Numéro de dossier',
    mediator: 'Un médiateur linguistique et culturel sera présent.',
    documents: 'Documents à apporter :',
    identity:
      'Merci de vous présenter avec une pièce d’identité en cours de validité. En cas d’empêchement, prévenez le bureau en répondant à ce message et en indiquant votre numéro de dossier.',
    calendar: 'Le rendez-vous est joint au format calendrier (.ics).',
    link: 'Pour confirmer le rendez-vous ou le déplacer à un autre horaire libre, ouvrez ce lien personnel :',
    purposes: {
      CONTRACT_SIGNATURE: 'Signature du contrat de séjour (contratto di soggiorno)',
      DOCUMENTS: 'Remise ou complément de documents',
      INTERVIEW: 'Entretien',
      OUTCOME_DELIVERY: 'Remise de la décision',
    },
    cancellation: {
      subject: 'Rendez-vous annulé',
      cancelled: (when) => `votre rendez-vous au Guichet unique pour l’immigration du ${when} est annulé.`,
      reason: 'Motif',
      followUp: 'Le bureau vous enverra une nouvelle convocation si nécessaire.',
    },
  },
  ar: {
    name: 'العربية',
    dir: 'rtl',
    locale: 'ar',
    subject: 'استدعاء',
    notice: 'تأتي الترجمة العربية بعد النص الإيطالي، وهو النص الذي يُعتدّ به قانونياً.',
    greeting: (name) => `${name ? `السيد/السيدة ${name}` : 'السيد/السيدة مقدّم الطلب'}،`,
    invitation: (office) => `ندعوكم إلى الحضور إلى الشباك الموحّد للهجرة (SUI) في ${office}.`,
    moved: (before) => `تم تغيير موعدكم المحدد في ${before}. وفيما يلي الموعد الجديد.`,
    date: 'التاريخ',
    time: (from, to) => `الساعة: من ${from} إلى ${to}`,
    place: 'المكان',
    purpose: 'سبب الاستدعاء',
    caseNumber: 'رقم الملف',
    mediator: 'سيكون حاضراً وسيط لغوي وثقافي.',
    documents: 'الوثائق المطلوب إحضارها:',
    identity:
      'يرجى إحضار وثيقة هوية سارية المفعول. في حال تعذّر الحضور، يرجى إبلاغ المكتب بالرد على هذه الرسالة مع ذكر رقم الملف.',
    calendar: 'الموعد مرفق بصيغة التقويم (.ics).',
    link: 'لتأكيد الموعد أو نقله إلى وقت آخر متاح، افتحوا هذا الرابط الشخصي:',
    purposes: {
      CONTRACT_SIGNATURE: 'توقيع عقد الإقامة (contratto di soggiorno)',
      DOCUMENTS: 'تسليم الوثائق أو استكمالها',
      INTERVIEW: 'مقابلة',
      OUTCOME_DELIVERY: 'تسليم القرار',
    },
    cancellation: {
      subject: 'إلغاء الموعد',
      cancelled: (when) => `تم إلغاء موعدكم في الشباك الموحّد للهجرة المحدد في ${when}.`,
      reason: 'السبب',
      followUp: 'سيرسل إليكم المكتب استدعاءً جديداً إذا لزم الأمر.',
    },
  },
  uk: {
    name: 'Українська',
    dir: 'ltr',
    locale: 'uk-UA',
    subject: 'Виклик на прийом',
    notice: 'Український переклад подано після італійського тексту, який має юридичну силу.',
    greeting: (name) => `Шановний(а) ${name ?? 'заявнику'},`,
    invitation: (office) =>
      `запрошуємо Вас з’явитися до Єдиного імміграційного офісу (SUI) установи «${office}».`,
    moved: (before) => `Ваш прийом, призначений на ${before}, перенесено. Нижче — новий виклик.`,
    date: 'Дата',
    time: (from, to) => `Час: з ${from} до ${to}`,
    place: 'Місце',
    purpose: 'Мета',
    caseNumber: 'Номер справи',
    mediator: 'Буде присутній мовно-культурний посередник.',
    documents: 'Документи, які потрібно принести:',
    identity:
      'Будь ласка, майте при собі дійсний документ, що посвідчує особу. Якщо Ви не можете прийти, повідомте офіс, відповівши на цей лист із зазначенням номера справи.',
    calendar: 'Прийом додано у форматі календаря (.ics).',
    link: 'Щоб підтвердити прийом або перенести його на інший вільний час, відкрийте це персональне посилання:',
    purposes: {
      CONTRACT_SIGNATURE: 'Підписання договору про перебування (contratto di soggiorno)',
      DOCUMENTS: 'Подання або доповнення документів',
      INTERVIEW: 'Співбесіда',
      OUTCOME_DELIVERY: 'Вручення рішення',
    },
    cancellation: {
      subject: 'Прийом скасовано',
      cancelled: (when) => `Ваш прийом в Єдиному імміграційному офісі, призначений на ${when}, скасовано.`,
      reason: 'Причина',
      followUp: 'Офіс надішле Вам новий виклик, якщо це буде потрібно.',
    },
  },
};

/** The translation of the convocation in a language, when there is one (Italian is the letter itself). */
export const convocationTranslation = (language: string | null): ConvocationTranslation | undefined =>
  language ? CONVOCATION_TRANSLATIONS[language] : undefined;
