// Tenants, apps, users and API keys: the operations behind `flywheel admin …`, the seed, the API keys
// page and the tests. They take the database port as an argument, so they run anywhere.
import { z } from "zod";
import type { Db } from "./db";
import { AppError, notFound, validate } from "./errors";
import { clearLoginFailures } from "./login-throttle";
import { generateApiKey, hashApiKey, hashPassword, keyPrefix } from "./secrets";

export const slugSchema = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(64, "must be at most 64 characters")
  .regex(/^[a-z0-9][a-z0-9_-]*$/, "must be lowercase letters, digits, - or _");
export const appIdSchema = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(64, "must be at most 64 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, "must be letters, digits, - or _");
export const emailSchema = z.string().trim().toLowerCase().pipe(z.email("must be an email address"));
export const passwordSchema = z.string().min(8, "must be at least 8 characters").max(200, "is too long");
export const nameSchema = z.string().trim().min(1, "must not be empty").max(200, "is too long");

function slugify(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 64) || "tenant";
}

/** Finds a tenant by id or slug. */
export async function findTenant({ prisma }: Db, ref: string) {
  const tenant = await prisma.tenant.findFirst({ where: { OR: [{ id: ref }, { slug: ref }] } });
  if (!tenant) throw notFound(`No tenant with id or slug "${ref}"`);
  return tenant;
}

export async function createTenant(db: Db, input: { name: string; slug?: string }) {
  const { prisma } = db;
  const { name } = validate(z.object({ name: nameSchema }), input);
  const { slug } = validate(z.object({ slug: slugSchema }), { slug: input.slug ?? slugify(name) });
  if (await prisma.tenant.findUnique({ where: { slug } })) {
    throw new AppError(409, "conflict", `A tenant with slug "${slug}" already exists`);
  }
  return prisma.tenant.create({ data: { name, slug } });
}

export async function createApp(db: Db, input: { tenant: string; name: string; id?: string }) {
  const { prisma } = db;
  const { name } = validate(z.object({ name: nameSchema }), input);
  const { id } = validate(z.object({ id: appIdSchema }), { id: input.id ?? `app_${slugify(name).replace(/-/g, "_")}` });
  const tenant = await findTenant(db, input.tenant);
  if (await prisma.app.findUnique({ where: { id } })) {
    throw new AppError(409, "conflict", `An app with id "${id}" already exists`);
  }
  return prisma.app.create({ data: { id, name, tenantId: tenant.id } });
}

export async function createUser(db: Db, input: { tenant: string; email: string; password: string; name?: string }) {
  const { prisma } = db;
  const { email, password } = validate(z.object({ email: emailSchema, password: passwordSchema }), input);
  const tenant = await findTenant(db, input.tenant);
  const passwordHash = await hashPassword(password);
  const existing = await prisma.user.findUnique({ where: { email } });
  if (existing) {
    // An existing user joins another tenant; their password is left as it is.
    await prisma.membership.upsert({
      where: { userId_tenantId: { userId: existing.id, tenantId: tenant.id } },
      create: { userId: existing.id, tenantId: tenant.id },
      update: {},
    });
    return { id: existing.id, email, tenantId: tenant.id };
  }
  const user = await prisma.user.create({
    data: { email, passwordHash, name: input.name, memberships: { create: { tenantId: tenant.id, role: "admin" } } },
  });
  return { id: user.id, email: user.email, tenantId: tenant.id };
}

/** Finds a user by email (trimmed, lower-cased); 404 otherwise. */
async function findUser({ prisma }: Db, email: string) {
  const normalised = validate(z.object({ email: emailSchema }), { email }).email;
  const user = await prisma.user.findUnique({ where: { email: normalised }, select: { id: true, email: true } });
  if (!user) throw notFound(`No user with email "${normalised}"`);
  return user;
}

/**
 * Sets a user's password. Every session and access token of the user ends with it (the session
 * version moves on in the same statement), and the login throttle's count of the account is cleared.
 */
export async function setPassword(db: Db, input: { email: string; password: string }) {
  const { password } = validate(z.object({ password: passwordSchema }), { password: input.password });
  const user = await findUser(db, input.email);
  const passwordHash = await hashPassword(password);
  await db.prisma.user.update({ where: { id: user.id }, data: { passwordHash, sessionVersion: { increment: 1 } } });
  await clearLoginFailures(db, user.email);
  return { id: user.id, email: user.email };
}

/**
 * Removes a user from a tenant. The user's sessions and access tokens end (the session version moves
 * on in the same transaction), so a token issued while they were a member does not outlive it.
 */
export async function removeMembership(db: Db, input: { tenant: string; email: string }) {
  const tenant = await findTenant(db, input.tenant);
  const user = await findUser(db, input.email);
  const key = { userId_tenantId: { userId: user.id, tenantId: tenant.id } };
  if (!(await db.prisma.membership.findUnique({ where: key }))) {
    throw notFound(`${user.email} is not a member of tenant "${tenant.slug}"`);
  }
  await db.prisma.$transaction([
    db.prisma.membership.deleteMany({ where: { userId: user.id, tenantId: tenant.id } }),
    db.prisma.user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } }),
  ]);
  return { id: user.id, email: user.email, tenantId: tenant.id };
}

/** Creates a key and returns it in clear, the only time it is ever available. */
export async function createApiKey(db: Db, input: { tenantId: string; name?: string; key?: string }) {
  const { prisma } = db;
  const { name } = validate(z.object({ name: nameSchema }), { name: input.name ?? "default" });
  const key = input.key ?? generateApiKey();
  const row = await prisma.apiKey.create({
    data: { tenantId: input.tenantId, name, keyHash: hashApiKey(key), prefix: keyPrefix(key) },
  });
  return { id: row.id, name: row.name, prefix: row.prefix, createdAt: row.createdAt, key };
}

export async function listApiKeys(db: Db, tenantId: string) {
  const { prisma } = db;
  return prisma.apiKey.findMany({
    where: { tenantId },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  });
}

export async function revokeApiKey(db: Db, tenantId: string, id: string) {
  const { prisma } = db;
  // Scoped by tenant: a member of one tenant can never revoke another tenant's key.
  const { count } = await prisma.apiKey.updateMany({
    where: { id, tenantId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw notFound(`No active API key "${id}" in this tenant`);
}
