import type { FastifyInstance } from 'fastify';
import { announcementRoutes } from './announcement.routes.ts';
import { auditRoutes } from './audit.routes.ts';
import { authRoutes } from './auth.routes.ts';
import { calendarRoutes } from './calendar.routes.ts';
import { districtRoutes } from './district.routes.ts';
import { healthRoutes } from './health.routes.ts';
import { invitationRoutes } from './invitation.routes.ts';
import { meetingDocumentRoutes } from './meeting-document.routes.ts';
import { meetingRoutes } from './meeting.routes.ts';
import { oidcRoutes } from './oidc.routes.ts';
import { orgRoutes } from './org.routes.ts';
import { preferredHoursRoutes } from './preferred-hours.routes.ts';
import { rulesRoutes } from './rules.routes.ts';
import { structureRoutes } from './structure.routes.ts';
import { userRoutes } from './user.routes.ts';

export async function registerRoutes(app: FastifyInstance) {
  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(oidcRoutes);
  await app.register(orgRoutes);
  await app.register(districtRoutes);
  await app.register(auditRoutes);
  await app.register(userRoutes);
  await app.register(meetingRoutes);
  await app.register(invitationRoutes);
  await app.register(meetingDocumentRoutes);
  await app.register(announcementRoutes);
  await app.register(preferredHoursRoutes);
  await app.register(structureRoutes);
  await app.register(rulesRoutes);
  await app.register(calendarRoutes);
}
