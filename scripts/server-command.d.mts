/** Node's arguments for the reference server process (see server-command.mjs). */
export declare const SERVER_NODE_ARGS: readonly string[];
