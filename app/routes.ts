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
