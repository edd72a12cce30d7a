package org.neuroloop.deploy.config;

import java.util.List;

/**
 * One NeuroLoop job as written in a YAML session config: which sessions to run (each with its source), the
 * pipeline every session runs, where stimulation goes, and how Flink runs it.
 *
 * <pre>
 * name: motor-imagery
 * sessions:
 *   - id: s1
 *     lsl: {name: EEG, type: EEG}
 * pipeline:
 *   filters: [{type: bandpass, low: 8, high: 30, order: 4}]
 *   classifier: {type: mi, model: models/s001.json}
 *   policy: {action: feedback, onThreshold: 0.7}
 * outputs:
 *   - lsl: {name: NeuroLoop-Stim}
 * flink: {parallelism: 1, bufferTimeoutMs: 0, checkpoint: {intervalMs: 5000}}
 * lsl: {config: lab_lsl_api.cfg}
 * </pre>
 */
public record SessionConfig(
        String name,
        List<SessionSpec> sessions,
        PipelineSpec pipeline,
        List<OutputSpec> outputs,
        FlinkSpec flink,
        LslSpec lsl) {

    /** Without LSL settings of its own (the process's apply). */
    public SessionConfig(
            String name, List<SessionSpec> sessions, PipelineSpec pipeline, List<OutputSpec> outputs, FlinkSpec flink) {
        this(name, sessions, pipeline, outputs, flink, null);
    }

    public SessionConfig {
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
        pipeline = pipeline == null ? PipelineSpec.EMPTY : pipeline;
        flink = flink == null ? FlinkSpec.DEFAULTS : flink;
        name = name == null ? "neuroloop" : name;
    }
}
