import { BrowserRouter, Route, Routes } from 'react-router';
import { HomePage } from '../modules/home/HomePage.tsx';
import { LoginPage } from '../modules/identity/LoginPage.tsx';
import { Layout } from './Layout.tsx';
import { modules } from './modules.ts';
import { NotFoundPage } from './NotFoundPage.tsx';

export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<HomePage />} />
          {modules.map(({ path, Page }) => (
            <Route key={path} path={path} element={<Page />} />
          ))}
          <Route path="/accesso" element={<LoginPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
