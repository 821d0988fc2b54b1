/**
 * The role registry: every role a server's execution context can run, by name, gathered from the
 * architectures' own declarations plus the server's top process. A context's entry point looks its
 * role up here; nothing else maps role names to code.
 */
import type { Role } from "./architecture.js";
import { architectures } from "./registry.js";
import { serverRootRole } from "./server-root.js";

const roles = new Map<string, Role>();
for (const role of [serverRootRole, ...Object.values(architectures).flatMap((architecture) => architecture.roles)]) {
  const known = roles.get(role.name);
  if (known && known !== role) throw new Error(`flashlab: two different roles are named ${JSON.stringify(role.name)}`);
  roles.set(role.name, role);
}

/** The role called `name`; a clear error for a name no architecture declares. */
export function roleNamed(name: string): Role {
  const role = roles.get(name);
  if (!role) throw new Error(`flashlab: unknown context role ${JSON.stringify(name)}; known: ${[...roles.keys()].join(", ")}`);
  return role;
}
