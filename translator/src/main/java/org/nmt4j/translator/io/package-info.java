/**
 * Files: atomic writes, safe zip reading (entry names checked, checksums verified), ND4J binary
 * arrays, and the model file {@code model.nmt4j}.
 */
package org.nmt4j.translator.io;
