export * from "./topics";
export * from "./envelope";
export * from "./event-bus";
export { InProcessEventBus, type InProcessEventBusOptions } from "./in-process-event-bus";
export { RedisStreamsEventBus, type RedisStreamsEventBusOptions } from "./redis-streams-event-bus";
export * from "./processed-event-log";
export { RedisProcessedEventLog, type RedisProcessedEventLogOptions } from "./redis-processed-event-log";
export * from "./create-event-bus";
