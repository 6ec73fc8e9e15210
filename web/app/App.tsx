import { QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Route, Routes } from 'react-router';
import { casesRoutes } from '../modules/cases/casesRoutes.tsx';
import { councilRoutes } from '../modules/council/councilRoutes.tsx';
import { exchangeRoutes } from '../modules/exchange/exchangeRoutes.tsx';
import { figuresRoutes } from '../modules/exchange/figuresRoutes.tsx';
import { HomePage } from '../modules/home/HomePage.tsx';
import { administrationRoutes } from '../modules/identity/administrationRoutes.tsx';
import { LoginPage } from '../modules/identity/LoginPage.tsx';
import { PasswordResetRequestPage } from '../modules/identity/PasswordResetRequestPage.tsx';
import { ProfilePage } from '../modules/identity/ProfilePage.tsx';
import { SetPasswordPage } from '../modules/identity/SetPasswordPage.tsx';
import { outreachRoutes } from '../modules/outreach/outreachRoutes.tsx';
import { GlossaryPage } from '../modules/portal/GlossaryPage.tsx';
import { SheetsPage } from '../modules/portal/SheetsPage.tsx';
import { privacyRoutes } from '../modules/privacy/privacyRoutes.tsx';
import { projectRoutes } from '../modules/project/projectRoutes.tsx';
import { surveysRoutes } from '../modules/surveys/surveysRoutes.tsx';
import { trainingRoutes } from '../modules/training/trainingRoutes.tsx';
import { updatesRoutes } from '../modules/updates/updatesRoutes.tsx';
import { RequirePermission, RequireSession } from './access.tsx';
import { Layout } from './Layout.tsx';
import { modules } from './modules.ts';
import { NotFoundPage } from './NotFoundPage.tsx';
import { queryClient } from './queryClient.ts';

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      {/* Navigations render at once rather than as transitions: leaving a session (see leaveSession) relies on it. */}
      <BrowserRouter useTransitions={false}>
        <Routes>
          <Route element={<Layout />}>
            <Route path="/accesso" element={<LoginPage />} />
            <Route path="/recupera-password" element={<PasswordResetRequestPage />} />
            <Route path="/reimposta-password" element={<SetPasswordPage purpose="reset" />} />
            <Route path="/attiva-account" element={<SetPasswordPage purpose="activation" />} />
            <Route element={<RequireSession />}>
              <Route index element={<HomePage />} />
              <Route path="/profilo" element={<ProfilePage />} />
              {modules.map(({ path, permissions, Page }) => (
                <Route
                  key={path}
                  path={path}
                  element={
                    <RequirePermission anyOf={permissions}>
                      <Page />
                    </RequirePermission>
                  }
                />
              ))}
              <Route
                path="/comunicazione/schede"
                element={
                  <RequirePermission anyOf={['portal.sheets.edit']}>
                    <SheetsPage />
                  </RequirePermission>
                }
              />
              <Route
                path="/comunicazione/glossario"
                element={
                  <RequirePermission anyOf={['portal.sheets.edit']}>
                    <GlossaryPage />
                  </RequirePermission>
                }
              />
              {casesRoutes()}
              {figuresRoutes()}
              {exchangeRoutes()}
              {administrationRoutes()}
              {privacyRoutes()}
              {councilRoutes()}
              {projectRoutes()}
              {surveysRoutes()}
              {trainingRoutes()}
              {outreachRoutes()}
              {updatesRoutes()}
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Route>
        </Routes>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
