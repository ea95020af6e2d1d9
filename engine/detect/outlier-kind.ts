/**
 * Why a line is an outlier: far from everything known (distance), a new kind of event in live logs
 * (novelty), a burst, an entity spread across hosts or users, or a user rule. Stored with each outlier.
 */
export type OutlierKind = 'distance' | 'novelty' | 'burst' | 'entity' | 'rule';
