/**
 * The {@link org.nmt4j.corpora.PairFilter} rules that {@link org.nmt4j.corpora.FilterChain}
 * combines: empty side, too many tokens, length ratio, exact duplicates.
 */
package org.nmt4j.corpora.filter;
