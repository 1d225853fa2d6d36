/** 'api' or 'worker': which entry point started this process (see AppModule.forRoot). */
export const PROCESS_ROLE = Symbol('PROCESS_ROLE');
