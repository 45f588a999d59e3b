/**
 * Real schema and parser checks for the emitter tests (no hand-written validation):
 * - Kubernetes objects: kubernetes-models classes (tommy351/kubernetes-models-ts), whose `.validate()` runs
 *   ajv over JSON Schemas generated from the Kubernetes OpenAPI spec; Karpenter NodePool from
 *   @kubernetes-models/karpenter (generated from Karpenter's Go API types / CRDs).
 * - HCL: @cdktf/hcl2json, HashiCorp's hcl library compiled to WebAssembly.
 * Note: these schemas, like the API server without strict field validation, accept unknown fields.
 */
import { parse as parseHcl } from "@cdktf/hcl2json";
import { NodePool } from "@kubernetes-models/karpenter/karpenter.sh/v1/NodePool";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { PriorityClass } from "kubernetes-models/scheduling.k8s.io/v1/PriorityClass";
import { parseAllDocuments } from "yaml";

/** A parsed Kubernetes object (plain JSON). */
export type K8sObject = { apiVersion: string; kind: string; metadata: { name: string }; [k: string]: unknown };

/** Parse every YAML document; fails on any YAML error or warning. */
export function parseYamlDocuments(text: string): unknown[] {
  return parseAllDocuments(text).map((d, i) => {
    if ("errors" in d && (d.errors.length > 0 || d.warnings.length > 0))
      throw new Error(`YAML document ${i}: ${[...d.errors, ...d.warnings].map((e) => e.message).join("; ")}`);
    return d.toJS();
  });
}

/** Validate one object with the schema of its apiVersion/kind; throws with ajv's messages. */
export function validateK8sObject(o: unknown): K8sObject {
  const obj = o as K8sObject;
  const id = `${obj.apiVersion}/${obj.kind}`;
  switch (id) {
    case "scheduling.k8s.io/v1/PriorityClass":
      new PriorityClass(obj as never).validate();
      break;
    case "apps/v1/Deployment":
      new Deployment(obj as never).validate();
      break;
    case "karpenter.sh/v1/NodePool":
      new NodePool(obj as never).validate();
      break;
    default:
      throw new Error(`no schema for ${id}`);
  }
  return obj;
}

/** Parse a multi-document YAML stream and validate every document. */
export function validateK8sYaml(text: string): K8sObject[] {
  return parseYamlDocuments(text).map(validateK8sObject);
}

/** Parse HCL with HashiCorp's parser; resolves to hcl2json's JSON form (blocks become arrays). */
export function parseTerraform(text: string): Promise<Record<string, any>> {
  return parseHcl("main.tf", text);
}
