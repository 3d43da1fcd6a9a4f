export { definitionsFromRegistry, isRegistry, registryIcon, registryName, type RegistryDefinitions, type RegistrySkip } from "./registry-definitions.ts";
