// Tool definitions in every convention's spelling → OpenAI's { type: "function", function: {…} }.
import { describe, expect, it } from "vitest";
import { toolDefinitionOf, toolDefinitionsOf } from "./tool-definitions";

const SCHEMA = { type: "object", properties: { q: { type: "string" } }, required: ["q"] };
const SEARCH = { type: "function", function: { name: "search", description: "Search the docs", parameters: SCHEMA } };

describe("toolDefinitionOf", () => {
  it("reads OpenAI's nested shape, the flat semconv shape and JSON text of either", () => {
    expect(toolDefinitionOf(SEARCH)).toEqual(SEARCH);
    expect(toolDefinitionOf({ type: "function", name: "search", description: "Search the docs", parameters: SCHEMA })).toEqual(SEARCH);
    expect(toolDefinitionOf(JSON.stringify(SEARCH))).toEqual(SEARCH);
  });

  it("finds the schema under the names other SDKs give it", () => {
    expect(toolDefinitionOf({ type: "function", name: "search", description: "Search the docs", inputSchema: SCHEMA })).toEqual(SEARCH); // Vercel AI SDK 5
    expect(toolDefinitionOf({ name: "search", description: "Search the docs", input_schema: SCHEMA })).toEqual(SEARCH); // Anthropic
    expect(toolDefinitionOf({ name: "search", description: "Search the docs", inputSchema: { json: SCHEMA } })).toEqual(SEARCH); // Bedrock
    expect(toolDefinitionOf({ name: "search", description: "Search the docs", parameters: JSON.stringify(SCHEMA) })).toEqual(SEARCH);
  });

  it("names a bare schema from the keys beside it (OpenInference's tool.name / tool.description)", () => {
    expect(toolDefinitionOf(JSON.stringify(SCHEMA), { name: "search", description: "Search the docs" })).toEqual(SEARCH);
    expect(toolDefinitionOf(JSON.stringify(SCHEMA))).toBeUndefined();
  });

  it("leaves out optional parts that are absent or not a schema", () => {
    expect(toolDefinitionOf({ name: "ping" })).toEqual({ type: "function", function: { name: "ping" } });
    expect(toolDefinitionOf({ name: "ping", parameters: "not json", description: "" })).toEqual({ type: "function", function: { name: "ping" } });
  });

  it("drops definitions that are not functions or have no name", () => {
    expect(toolDefinitionOf({ type: "provider-defined", id: "openai.web_search", name: "web_search", args: {} })).toBeUndefined();
    expect(toolDefinitionOf({ type: "function", function: { description: "nameless" } })).toBeUndefined();
    expect(toolDefinitionOf({ name: "  " })).toBeUndefined();
    expect(toolDefinitionOf("plain text")).toBeUndefined();
  });
});

describe("toolDefinitionsOf", () => {
  it("keeps the functions of a list, undefined when none is left", () => {
    expect(toolDefinitionsOf(JSON.stringify([SEARCH, { type: "web_search" }]))).toEqual([SEARCH]);
    expect(toolDefinitionsOf([{ type: "web_search" }])).toBeUndefined();
    expect(toolDefinitionsOf("{}")).toBeUndefined();
  });
});
