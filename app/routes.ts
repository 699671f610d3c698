import { index, prefix, route, type RouteConfig } from "@remix-run/route-config";

export default [
  route("healthz", "routes/healthz.ts"),
  route("login", "routes/login.tsx"),
  route("logout", "routes/logout.ts"),
  route("language", "routes/language.ts"),
  index("routes/index.ts"),
  route("start", "routes/start.tsx"),
  route("account", "routes/account.tsx"),
  route("account/password", "routes/account.password.tsx"),
  route("reset-password", "routes/reset-password.tsx"),
  ...prefix("plans", [
    index("routes/plans._index.tsx"),
    route("new", "routes/plans.new.tsx"),
    route(":planId", "routes/plans.$planId.tsx"),
    route(":planId/my-plan", "routes/plans.$planId.my-plan.tsx"),
    route(":planId/meetings/new", "routes/plans.$planId.meetings.new.tsx"),
  ]),
  ...prefix("meetings", [
    route(":meetingId", "routes/meetings.$meetingId.tsx"),
    route(":meetingId/letter", "routes/meetings.$meetingId.letter.tsx"),
    route(":meetingId/calendar.ics", "routes/meetings.$meetingId.calendar.ts"),
  ]),
  ...prefix("deviations", [
    index("routes/deviations._index.tsx"),
    route("new", "routes/deviations.new.tsx"),
    route("mine", "routes/deviations.mine.tsx"),
    route("export.csv", "routes/deviations.export[.]csv.ts"),
    route(":deviationId", "routes/deviations.$deviationId.tsx"),
  ]),
  ...prefix("reports", [
    index("routes/reports._index.tsx"),
    route("compare", "routes/reports.compare.tsx"),
    route("snapshots/:snapshotId", "routes/reports.snapshots.$snapshotId.tsx"),
    route("snapshots/:snapshotId/csv/:table", "routes/reports.snapshots.$snapshotId.csv.$table.ts"),
    route(":partnershipId/:period", "routes/reports.$partnershipId.$period.tsx"),
    route(":partnershipId/:period/csv/:table", "routes/reports.$partnershipId.$period.csv.$table.ts"),
  ]),
  route("notifications", "routes/notifications.tsx"),
  route("notifications/settings", "routes/notifications.settings.tsx"),
  route("audit", "routes/audit.tsx"),
  route("admin", "routes/admin.tsx", [
    index("routes/admin._index.tsx"),
    ...prefix("partnerships", [
      index("routes/admin.partnerships._index.tsx"),
      route("new", "routes/admin.partnerships.new.tsx"),
      route(":partnershipId", "routes/admin.partnerships.$partnershipId.tsx"),
    ]),
    ...prefix("organisations", [
      index("routes/admin.organisations._index.tsx"),
      route("new", "routes/admin.organisations.new.tsx"),
      route(":organisationId", "routes/admin.organisations.$organisationId.tsx"),
    ]),
    ...prefix("users", [
      index("routes/admin.users._index.tsx"),
      route("new", "routes/admin.users.new.tsx"),
      route(":userId", "routes/admin.users.$userId.tsx"),
    ]),
    route("outbox", "routes/admin.outbox.tsx"),
  ]),
  route("*", "routes/$.tsx"),
] satisfies RouteConfig;
