/** The client's operations as the benchmarks (and the server's statement-count tests) send them. */
export declare const PACKAGE_QUERY: string;
export declare const SAVE_MUTATION: string;
export declare const PACKAGES_QUERY: string;
export declare const CAMPAIGN_PROGRESS_QUERY: string;
