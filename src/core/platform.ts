/**
 * Platform registry: for each platform, its reservation function and its documented defaults
 * (provider, max pods, capacity model). Formula variants are chosen by platform id, never "latest wins".
 */
import type { Provider } from "../catalog/types.js";
import { aksCapacityEstimate, type CapacityModel, eksDefaultCapacityEstimate, gceCapacityEstimate } from "./capacity.js";
import { aksLegacyReservation, aksReservation } from "./overhead/aks.js";
import { eksReservation } from "./overhead/eks.js";
import { flatReservation } from "./overhead/flat.js";
import { gkeReservation } from "./overhead/gke.js";
import type { Bound, MachineFacts, PlatformId, Reservation } from "./overhead/types.js";
import { bytes, bytesInMiB, millicores } from "./units/brands.js";

/** A platform's defaults and formula. */
export interface Platform {
  readonly id: PlatformId;
  /** Providers the platform runs on. */
  readonly providers: readonly Provider[];
  /** One-line description for `--help`. */
  readonly description: string;
  /** True when the model is a low/high range (the guides' "1–2 GB"). */
  readonly ranged: boolean;
  /** Default max pods for a machine, with its source. */
  defaultMaxPods(machine: { readonly defaultMaxPods?: number }): { value: number; source: string };
  /** Reservation for a machine and max pods. */
  reservation(machine: MachineFacts, maxPods: number, bound: Bound): Reservation;
}

const kubeletDefaultMaxPods = { value: 110, source: "kubelet default maxPods 110" };

const zeroReservation: Reservation = {
  kubeReserved: { cpuMillicores: millicores(0), memoryBytes: bytes(0) },
  systemReserved: { cpuMillicores: millicores(0), memoryBytes: bytes(0) },
  // kubelet's built-in default evictionHard memory.available<100Mi
  evictionHardMemoryBytes: bytes(100 * bytesInMiB),
  variant: "custom",
};

export const platforms: Readonly<Record<PlatformId, Platform>> = {
  gke: {
    id: "gke",
    providers: ["gcp"],
    description: "GKE Standard (1000-MiB memory brackets, CPU tiers, shared-core E2 rule, 100Mi eviction)",
    ranged: false,
    defaultMaxPods: () => ({
      value: 110,
      source: "GKE Standard default 110 pods per node (cloud.google.com/kubernetes-engine/quotas)",
    }),
    reservation: (m) => gkeReservation(m),
  },
  aks: {
    id: "aks",
    providers: ["azure"],
    description: "AKS >= 1.29 pools (min(20*maxPods+50, 25%) MiB + 100Mi eviction, CPU table)",
    ranged: false,
    defaultMaxPods: () => ({
      value: 250,
      source: "AKS Azure CNI Overlay default 250 pods per node (azure-aks-docs concepts-network-ip-address-planning.md)",
    }),
    reservation: (m, maxPods) => aksReservation(m, maxPods),
  },
  "aks-legacy": {
    id: "aks-legacy",
    providers: ["azure"],
    description: "AKS pools before 1.29 or not updated since 2024-02-26 (GiB brackets + 750Mi eviction)",
    ranged: false,
    defaultMaxPods: () => ({
      value: 110,
      source: "AKS kubenet / Azure CNI pod-subnet default 110 pods per node (azure-aks-docs)",
    }),
    reservation: (m) => aksLegacyReservation(m),
  },
  eks: {
    id: "eks",
    providers: ["aws"],
    description: "EKS (11*maxPods+255 MiB, CPU tiers, 100Mi eviction; ENI-based max pods)",
    ranged: false,
    defaultMaxPods: (m) =>
      m.defaultMaxPods === undefined
        ? { value: 110, source: "EKS fallback 110 when the ENI limits are unknown (amazon-eks-ami eni_max_pods.go)" }
        : { value: m.defaultMaxPods, source: "EKS VPC CNI: ENIs × (IPv4 per ENI − 1) + 2 (amazon-eks-ami)" },
    reservation: (m, maxPods) => eksReservation(m, maxPods),
  },
  flat: {
    id: "flat",
    providers: ["gcp", "azure", "aws"],
    description: "the CodeCanvas guides' rule of thumb: 0.2 vCPU and 1-2 GB per node (a low/high range)",
    ranged: true,
    defaultMaxPods: () => kubeletDefaultMaxPods,
    reservation: (_m, _p, bound) => flatReservation(bound),
  },
  custom: {
    id: "custom",
    providers: ["gcp", "azure", "aws"],
    description: "your own numbers or mathjs expressions (--kube-reserved-cpu, --kube-reserved-memory, ...)",
    ranged: false,
    defaultMaxPods: () => kubeletDefaultMaxPods,
    reservation: () => zeroReservation,
  },
};

/** Default platform per provider. */
export const defaultPlatform: Readonly<Record<Provider, PlatformId>> = { gcp: "gke", azure: "aks", aws: "eks" };

/**
 * Capacity (MemTotal) model per provider for a machine type of no known family. The node model picks per
 * machine type with `capacityEstimate` (EKS has one fit per family group; docs/node-overhead.md §1.1).
 */
export const defaultCapacityModel: Readonly<Record<Provider, CapacityModel>> = {
  gcp: gceCapacityEstimate.model,
  azure: aksCapacityEstimate.model,
  aws: eksDefaultCapacityEstimate.model,
};
