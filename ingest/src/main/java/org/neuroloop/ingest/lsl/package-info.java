/**
 * NeuroLoop's choice of LSL code ({@link org.neuroloop.ingest.lsl.LslImplementation}); the protocol itself is
 * {@code org.neuroloop.lsl4j}.
 */
package org.neuroloop.ingest.lsl;
