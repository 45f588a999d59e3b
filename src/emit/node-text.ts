/** Node model → readable derivation (what `cc-plan node` prints without --json). Pure. */
import { rangeText } from "../core/capacity.js";
import type { NodeModel } from "../core/node-model.js";
import { gib, ki, vcpu } from "./format.js";

export function renderNodeText(m: NodeModel, low?: NodeModel): string {
  const lines = [
    `${m.machineType} on ${m.platform} (${m.formulaVariant})`,
    `  nominal          ${vcpu(m.nominal.cpuMillicores)} vCPU, ${gib(m.nominal.memoryBytes)} GiB`,
    `  capacity         ${m.capacity.cpuMillicores}m, ${ki(m.capacity.memoryBytes)} (${m.capacity.memorySource}), ${m.capacity.pods} pods, ${m.capacity.volumes} volumes`,
    ...estimateLines(m),
    `  - kube-reserved  ${m.kubeReserved.cpuMillicores}m, ${m.kubeReserved.memoryBytes / 1048576}Mi`,
    `  - sys-reserved   ${m.systemReserved.cpuMillicores}m, ${m.systemReserved.memoryBytes / 1048576}Mi`,
    `  - eviction hard  ${m.evictionHard.memoryBytes / 1048576}Mi`,
    `  = allocatable    ${m.allocatable.cpuMillicores}m, ${ki(m.allocatable.memoryBytes)}, ${m.allocatable.pods} pods, ${m.allocatable.volumes} volumes`,
    `  - system pods    ${m.daemonSets.cpuMillicores}m, ${m.daemonSets.memoryBytes / 1048576}Mi, ${m.daemonSets.pods} pods (${m.daemonSets.source})`,
    `  = for envs       ${m.forEnvs.cpuMillicores}m, ${ki(m.forEnvs.memoryBytes)} (${gib(m.forEnvs.memoryBytes)} GiB), ${m.forEnvs.pods} pods, ${m.forEnvs.volumes} volumes`,
    `  max pods: ${m.maxPods.value} (${m.maxPods.source}); volumes: ${m.volumesSource}`,
    ...ephemeralLines(m),
  ];
  if (low && low !== m) {
    lines.push(`  with the low end of the range: for envs ${low.forEnvs.cpuMillicores}m, ${gib(low.forEnvs.memoryBytes)} GiB`);
  }
  for (const i of m.issues) lines.push(`  ${i.severity}: ${i.message}`);
  return `${lines.join("\n")}\n`;
}

/** Under the capacity line: how far real nodes were from an estimated capacity, and how to give the real value. */
function estimateLines(m: NodeModel): string[] {
  const e = m.capacity.memoryEstimate;
  if (!e) return [];
  const gib = (mib: number): string => `${+(mib / 1024).toFixed(1)}`;
  const checked =
    e.observedMinusEstimateMiB && e.checkedNominalMiB
      ? `real minus estimated capacity was ${rangeText(e.observedMinusEstimateMiB)} on ${e.observations} published nodes of ${gib(e.checkedNominalMiB.min)}–${gib(e.checkedNominalMiB.max)} GiB`
      : "not checked against real nodes";
  return [`                   ${checked}; a real node's value: --capacity-memory`];
}

/** Boot disk and ephemeral storage, from the disk to what envs can request (issue 16). */
function ephemeralLines(m: NodeModel): string[] {
  const e = m.ephemeralStorage;
  const b = m.bootDisk;
  const g = (n: number): string => `${+(n / 2 ** 30).toFixed(2)} GiB`;
  return [
    `  boot disk        ${b.sizeGiB} GiB ${b.type} (${b.label})`,
    `  ephemeral storage on the ${e.backing === "local-ssd" ? "local SSDs" : "boot disk"} (${g(e.diskBytes)}):`,
    `    capacity       ${ki(e.capacityBytes)} (${e.capacityKind === "observed" ? "observed (--capacity-ephemeral-storage)" : "estimated: disk − the filesystem loss of a published node"})`,
    `    - reserved     ${g(e.kubeReservedBytes)}; - eviction ${e.evictionHardBytes} bytes (nodefs.available<10%)`,
    `    = allocatable  ${e.allocatableBytes} bytes (${g(e.allocatableBytes)})`,
    `    - images etc.  ${g(e.reservedBytes)} (--ephemeral-reserved)`,
    `    = for envs     ${g(e.forEnvsBytes)}; ${e.rule}`,
  ];
}
