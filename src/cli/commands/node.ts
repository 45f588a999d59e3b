/** `cc-plan node <machine-type>`: the node model (README "Usage": exit codes and contracts). */
import { findMachine } from "../../catalog/lookup.js";
import type { Provider } from "../../catalog/types.js";
import { withoutFlagged } from "../../core/calibrate/apply.js";
import { bootDiskProvider, bootDiskTypes, parseBootDisk } from "../../core/ephemeral.js";
import { computeNodeModel, type NodeModelOptions } from "../../core/node-model.js";
import { type PlatformId, platformIds } from "../../core/overhead/types.js";
import { defaultPlatform, platforms } from "../../core/platform.js";
import { resolveCapacityEphemeralStorage, resolveCapacityMemory, resolveNodeInputs } from "../../core/resolve-request.js";
import { parseMemory, quantityForms } from "../../core/units/quantity.js";
import { renderNodeJson } from "../../emit/json.js";
import { renderNodeText } from "../../emit/node-text.js";
import { loadCalibration } from "../calibration.js";
import type { CommandContext } from "../context.js";
import { UsageError } from "../io.js";

export function runNode(ctx: CommandContext): number {
  const a = ctx.args;
  const name = String(a["machine-type"] ?? "");
  const calibrated = typeof a.calibration === "string" ? loadCalibration(ctx, a.calibration) : undefined;
  const found = findMachine(calibrated?.catalogs ?? ctx.catalogs, name);
  if (!found) throw new UsageError(`machine type "${name}": unknown; expected a name from \`cc-plan catalog list\`, e.g. n2-standard-4 or Standard_D4s_v3`);
  const platformText = typeof a.platform === "string" ? a.platform : defaultPlatform[found.provider];
  if (!(platformIds as readonly string[]).includes(platformText))
    throw new UsageError(`--platform "${platformText}": expected one of ${platformIds.join(", ")}`);
  const platform = platformText as PlatformId;
  if (!platforms[platform].providers.includes(found.provider))
    throw new UsageError(
      `--platform ${platform} runs on ${platforms[platform].providers.join(", ")}, but ${found.machine.name} is ${found.provider === "azure" || found.provider === "aws" ? "an" : "a"} ${found.provider} type`,
    );
  const opts: { -readonly [K in keyof NodeModelOptions]: NodeModelOptions[K] } = { provider: found.provider, platform };
  // The same resolver as plans: --max-pods, --daemonset-overhead and the reservation overrides.
  const node = resolveNodeInputs(ctx.raw, ctx.compile);
  if (!node.ok) throw new UsageError(node.error.message);
  if (node.value.maxPods !== undefined) opts.maxPods = node.value.maxPods;
  if (node.value.daemonSets) opts.daemonSets = node.value.daemonSets;
  if (node.value.overrides) opts.overrides = node.value.overrides;
  // The same resolver as plans, with this node's type: a bare quantity or <type>=QUANTITY.
  const capacity = resolveCapacityMemory(ctx.raw.capacityMemory, calibrated?.catalogs ?? ctx.catalogs, {
    providers: [found.provider],
    nodeType: found.machine.name,
  });
  if (!capacity.ok) throw new UsageError(capacity.error.message);
  const observed = capacity.value?.[found.machine.name];
  // The calibration's figures for this type, except those a flag gives (src/cli/calibration.ts).
  const cal = calibrated ? withoutFlagged(calibrated.calibration, ctx.raw).types[found.machine.name] : undefined;
  if (cal && cal.provider === found.provider) {
    if (cal.platform !== undefined) opts.platform = cal.platform;
    if (cal.maxPods !== undefined) opts.maxPods = cal.maxPods;
    if (cal.daemonSets !== undefined) opts.daemonSets = cal.daemonSets;
    if (cal.overrides !== undefined) opts.overrides = cal.overrides;
    if (cal.capacityMemoryBytes !== undefined) opts.capacityMemoryBytes = cal.capacityMemoryBytes;
    const src = calibrated?.calibration.source;
    opts.givenSource = { capacityMemory: `observed (${src})`, maxPods: `calibrated (${src})` };
  }
  if (observed !== undefined) opts.capacityMemoryBytes = observed;
  // Node-local storage (issue 16): the boot disk, an observed ephemeral-storage capacity, what images occupy.
  Object.assign(opts, nodeStorageOptions(a, found.provider));
  // The plans' resolver again, with this node's type: a bare quantity or <type>=QUANTITY.
  const ephemeral = resolveCapacityEphemeralStorage(ctx.raw.capacityEphemeralStorage, calibrated?.catalogs ?? ctx.catalogs, {
    providers: [found.provider],
    nodeType: found.machine.name,
  });
  if (!ephemeral.ok) throw new UsageError(ephemeral.error.message);
  const observedEphemeral = ephemeral.value?.[found.machine.name];
  if (observedEphemeral !== undefined) opts.capacityEphemeralStorageBytes = observedEphemeral;
  const high = computeNodeModel(found.machine, { ...opts, bound: "high" });
  const low = platforms[platform].ranged ? computeNodeModel(found.machine, { ...opts, bound: "low" }) : undefined;
  ctx.io.stdout(a.json ? renderNodeJson(high, low) : renderNodeText(high, low));
  return high.issues.some((i) => i.severity === "error") ? 1 : 0;
}

/** --boot-disk (this provider's), --ephemeral-reserved, --ephemeral-local-ssd. */
function nodeStorageOptions(a: CommandContext["args"], provider: Provider): Partial<NodeModelOptions> {
  const out: { -readonly [K in keyof NodeModelOptions]?: NodeModelOptions[K] } = {};
  const disks = (Array.isArray(a["boot-disk"]) ? a["boot-disk"] : a["boot-disk"] === undefined ? [] : [a["boot-disk"]]).map(String);
  for (const text of disks) {
    const b = parseBootDisk(text);
    if (!b.ok) throw new UsageError(`--boot-disk ${b.reason}`);
    const owner = bootDiskProvider(b.value);
    if (owner !== undefined && owner !== provider)
      throw new UsageError(
        `--boot-disk "${text}": ${b.value.type} is a disk type of ${owner}, but this node is a ${provider} machine; expected [<type>:]<size> with a ${provider} type (${bootDiskTypes[provider].join(", ")}), or a size alone`,
      );
    out.bootDisk = { ...(out.bootDisk ?? {}), ...b.value };
  }
  const res = a["ephemeral-reserved"];
  if (res !== undefined) {
    const q = parseMemory(String(res));
    if (!q.ok) throw new UsageError(`--ephemeral-reserved "${String(res)}": expected a size such as 20Gi (${quantityForms})`);
    out.ephemeralReservedBytes = q.value;
  }
  if (a["ephemeral-local-ssd"] === true) out.ephemeralLocalSsd = true;
  return out;
}
