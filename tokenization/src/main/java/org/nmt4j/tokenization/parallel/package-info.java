/**
 * Running per-sentence work (tokenization, subword splitting) on all cores while keeping the
 * input order and bounding the memory in flight ({@link org.nmt4j.tokenization.parallel.OrderedParallelMap}).
 */
package org.nmt4j.tokenization.parallel;
