/** Training a language model with truncated BPTT: the loop, its config, checkpoints and events. */
package org.nmt4j.lm.train;
