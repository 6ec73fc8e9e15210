import { z } from 'zod';
import type { LovitApp } from '../../../kernel/http.ts';
import type { Platform } from '../../../kernel/platform.ts';
import {
  indicatorInput,
  indicatorsPage as indicatorsPageView,
  recordsQuery,
  recordsView,
  snapshotInput,
  snapshotView,
  valueInput,
} from './contract.ts';
import {
  addManualValue,
  createIndicator,
  getSnapshot,
  indicatorChart,
  indicatorRecords,
  indicatorsPage,
  takeSnapshot,
  updateIndicator,
} from './service.ts';

const idParams = z.object({ id: z.uuid() });
const tags = ['Progetto'];

export function registerIndicatorRoutes(app: LovitApp, platform: Platform): void {
  app.get(
    '/api/project/projects/:id/indicators',
    {
      config: { access: 'project.access' },
      schema: {
        tags,
        summary: 'Gli indicatori del progetto con il valore a oggi, le fonti e le rilevazioni per periodo',
        params: idParams,
        response: { 200: indicatorsPageView },
      },
    },
    (request) => indicatorsPage(platform, request.caller, request.params.id),
  );
  app.post(
    '/api/project/projects/:id/indicators',
    {
      config: { access: 'project.indicators.manage' },
      schema: {
        tags,
        summary: 'Definisce un indicatore del progetto, calcolato da una fonte o inserito a mano',
        params: idParams,
        body: indicatorInput,
        response: { 201: indicatorsPageView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createIndicator(platform, request.caller, request.params.id, request.body)),
  );
  app.put(
    '/api/project/indicators/:id',
    {
      config: { access: 'project.indicators.manage' },
      schema: {
        tags,
        summary: 'Corregge la definizione di un indicatore: ne nasce una nuova versione',
        params: idParams,
        body: indicatorInput,
        response: { 200: indicatorsPageView },
      },
    },
    (request) => updateIndicator(platform, request.caller, request.params.id, request.body),
  );
  app.post(
    '/api/project/indicators/:id/values',
    {
      config: { access: 'project.indicators.manage' },
      schema: {
        tags,
        summary: 'Registra un valore di un indicatore inserito a mano, con la nota che ne dà evidenza',
        params: idParams,
        body: valueInput,
        response: { 201: indicatorsPageView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addManualValue(platform, request.caller, request.params.id, request.body)),
  );
  app.get(
    '/api/project/indicators/:id/records',
    {
      config: { access: 'project.access' },
      schema: {
        tags,
        summary:
          'I dati da cui è calcolato il valore di un indicatore in un periodo (quelli visibili), a pagine',
        params: idParams,
        querystring: recordsQuery,
        response: { 200: recordsView },
      },
    },
    (request) => indicatorRecords(platform, request.caller, request.params.id, request.query),
  );
  app.get(
    '/api/project/indicators/:id/chart.svg',
    {
      config: { access: 'project.access' },
      schema: {
        tags,
        summary: 'Il grafico dell’indicatore: i valori congelati per periodo rispetto all’obiettivo, in SVG',
        params: idParams,
      },
    },
    async (request, reply) =>
      reply.type('image/svg+xml; charset=utf-8').send(await indicatorChart(platform, request.params.id)),
  );
  app.post(
    '/api/project/projects/:id/indicator-snapshots',
    {
      config: { access: 'project.indicators.manage' },
      schema: {
        tags,
        summary: 'Calcola e congela i valori di tutti gli indicatori per un periodo di rendicontazione',
        params: idParams,
        body: snapshotInput,
        response: { 201: snapshotView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await takeSnapshot(platform, request.caller, request.params.id, request.body)),
  );
  app.get(
    '/api/project/indicator-snapshots/:id',
    {
      config: { access: 'project.access' },
      schema: {
        tags,
        summary: 'Una rilevazione congelata, con i valori come furono calcolati',
        params: idParams,
        response: { 200: snapshotView },
      },
    },
    (request) => getSnapshot(platform, request.params.id),
  );
}
