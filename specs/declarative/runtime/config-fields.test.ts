import { describe, expect, it } from "vitest";
import { configFieldsOf } from "./config-fields.ts";

describe("configFieldsOf", () => {
  it("maps each way a template reads the config to a JSON pointer", () => {
    expect(configFieldsOf("{{ config['api_key'] }}")).toEqual(["/api_key"]);
    expect(configFieldsOf('{{ config["credentials"]["access_token"] }}')).toEqual(["/credentials/access_token"]);
    expect(configFieldsOf("{{ config.credentials.client_id }}")).toEqual(["/credentials/client_id"]);
    expect(configFieldsOf("{{ config.get('token', '') }}")).toEqual(["/token"]);
    expect(configFieldsOf("https://{{ config['subdomain'] }}.example.com/{{ config['region'] or 'us' }}")).toEqual(["/subdomain", "/region"]);
    expect(configFieldsOf({ a: ["{{ config['a'] }}"], b: "{{ config['b']['c'] | string }}" })).toEqual(["/a", "/b/c"]);
  });

  it("stops at a method call and finds nothing in plain text", () => {
    expect(configFieldsOf("{{ config['start_date'].split('T')[0] }}")).toEqual(["/start_date"]);
    expect(configFieldsOf("https://api.example.com")).toEqual([]);
    expect(configFieldsOf("{{ parameters.path }}")).toEqual([]);
  });
});
