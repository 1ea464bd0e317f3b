/**
 * Imported first by the local commands: the SDK's Node-version notice and the handlers' info logs
 * would drown the runtime's own console lines. (Setting, not reading, the environment.)
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';

export {};
