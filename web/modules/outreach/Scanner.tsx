import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../ui/Icon.tsx';

/** The part of the Barcode Detection API the door uses (not yet in TypeScript's DOM library). */
type BarcodeDetectorLike = { detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]> };
type BarcodeDetectorClass = new (options: { formats: string[] }) => BarcodeDetectorLike;

const READ_EVERY_MS = 250;

const stopTracks = (stream: MediaStream) => {
  for (const track of stream.getTracks()) track.stop();
};

function detectorClass(): BarcodeDetectorClass | null {
  return 'BarcodeDetector' in window
    ? (window as unknown as { BarcodeDetector: BarcodeDetectorClass }).BarcodeDetector
    : null;
}

/**
 * Reads a ticket's QR code with the phone's camera, where the browser can decode QR codes itself; elsewhere
 * nothing is shown and the code is typed.
 */
export function Scanner({ onCode }: { onCode: (code: string) => void }) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const Detector = detectorClass();
  if (!Detector) return null;
  return (
    <div className="mt-3">
      {isOpen ? (
        <Camera
          Detector={Detector}
          onCode={(code) => {
            setOpen(false);
            onCode(code);
          }}
          onProblem={(text) => {
            setOpen(false);
            setProblem(text);
          }}
          onClose={() => setOpen(false)}
        />
      ) : (
        <button
          type="button"
          className="btn btn-outline-primary btn-lg w-100"
          onClick={() => {
            setProblem(null);
            setOpen(true);
          }}
        >
          <Icon name="it-camera" className="icon-primary me-2" />
          {t('outreach.door.scan')}
        </button>
      )}
      {problem && (
        <p className="alert alert-warning mt-2" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}

function Camera({
  Detector,
  onCode,
  onProblem,
  onClose,
}: {
  Detector: BarcodeDetectorClass;
  onCode: (code: string) => void;
  onProblem: (text: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const videoRef = useRef<HTMLVideoElement>(null);
  const handlers = useRef({ onCode, onProblem });
  handlers.current = { onCode, onProblem };
  const unavailable = t('outreach.door.cameraUnavailable');

  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: number | undefined;
    let isStopped = false;
    const detector = new Detector({ formats: ['qr_code'] });
    const read = async () => {
      const video = videoRef.current;
      if (isStopped || !video) return;
      try {
        const [found] = video.readyState >= 2 ? await detector.detect(video) : [];
        if (found?.rawValue && !isStopped) {
          isStopped = true;
          handlers.current.onCode(found.rawValue);
          return;
        }
      } catch {
        // a frame the detector could not read: the next one may do
      }
      timer = window.setTimeout(read, READ_EVERY_MS);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(async (opened) => {
        stream = opened;
        if (isStopped || !videoRef.current) {
          stopTracks(opened);
          return;
        }
        videoRef.current.srcObject = opened;
        await videoRef.current.play();
        void read();
      })
      .catch(() => handlers.current.onProblem(unavailable));
    return () => {
      isStopped = true;
      window.clearTimeout(timer);
      if (stream) stopTracks(stream);
    };
  }, [Detector, unavailable]);

  return (
    <div>
      <video
        ref={videoRef}
        className="lovit-door-camera"
        muted
        playsInline
        aria-label={t('outreach.door.camera')}
      />
      <button type="button" className="btn btn-outline-secondary w-100 mt-2" onClick={onClose}>
        {t('outreach.door.closeCamera')}
      </button>
    </div>
  );
}
