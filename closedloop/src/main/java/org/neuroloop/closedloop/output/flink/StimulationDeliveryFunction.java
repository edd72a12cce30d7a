package org.neuroloop.closedloop.output.flink;

import java.nio.file.Path;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.neuroloop.closedloop.output.JsonlStimulationLog;
import org.neuroloop.closedloop.output.StimulationOutput;
import org.neuroloop.closedloop.output.TransportSpec;
import org.neuroloop.dsp.record.StimulationAck;
import org.neuroloop.dsp.record.StimulationCommand;

/**
 * Delivers commands like {@link StimulationSink} but emits each {@link StimulationAck} downstream, for jobs that
 * account for latency or feed acknowledgements back.
 */
public final class StimulationDeliveryFunction extends ProcessFunction<StimulationCommand, StimulationAck> {
    private static final long serialVersionUID = 1L;

    private final TransportSpec transport;
    private final String logPath;
    private transient StimulationOutput output;

    public StimulationDeliveryFunction(TransportSpec transport, String logPath) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.logPath = logPath;
    }

    @Override
    public void open(OpenContext ctx) throws Exception {
        int n = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
        String path = logPath == null
                ? null
                : n > 1 ? logPath + "-" + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() : logPath;
        output = new StimulationOutput(transport.open(), path == null ? null : new JsonlStimulationLog(Path.of(path)));
    }

    @Override
    public void processElement(StimulationCommand cmd, Context ctx, Collector<StimulationAck> out) throws Exception {
        out.collect(output.deliver(cmd));
    }

    @Override
    public void close() throws Exception {
        if (output != null) {
            output.close();
        }
    }
}
