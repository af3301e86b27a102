/** Text as a language model reads it: a continuous token stream with an end-of-line token. */
package org.nmt4j.lm.data;
