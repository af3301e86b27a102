/**
 * Numerical building blocks of nmt4j's recurrent models, written directly on ND4J arrays:
 * {@link org.nmt4j.nn.Parameters} (one flat value and gradient buffer), {@link
 * org.nmt4j.nn.Embedding}, the recurrent layers of {@link org.nmt4j.nn.recurrent}, {@link org.nmt4j.nn.Dropout}, {@link org.nmt4j.nn.Initialisers} and {@link
 * org.nmt4j.nn.Padding}, and {@link org.nmt4j.nn.NativeRuntime}, the native settings applied once
 * per process before ND4J loads.
 *
 * <p>Layers only read their parameters; mutable buffers live in per-caller workspaces, so one
 * set of parameters can serve several threads.
 */
package org.nmt4j.nn;
