/** The settings emitters' input type lives with the planner that builds it (core imports no emitters). */
export type { NodePoolSettings } from "../core/planner/pool-settings.js";
