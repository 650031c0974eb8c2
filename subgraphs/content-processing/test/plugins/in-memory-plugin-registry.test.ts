import { InMemoryPluginRegistry } from "../../src/plugins/store/in-memory-plugin-registry";
import { pluginRegistryContract } from "./plugin-registry.contract";

const registry = new InMemoryPluginRegistry();
pluginRegistryContract("in-memory", () => registry);
