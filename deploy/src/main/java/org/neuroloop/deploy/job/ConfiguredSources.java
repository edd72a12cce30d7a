package org.neuroloop.deploy.job;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.neuroloop.dsp.record.Chunk;

/** The sources a session config names: one per session, unioned into one stream of chunks. */
final class ConfiguredSources implements JobSources {
    private final SessionConfig config;
    private final ConfigValidator validator;

    private ConfiguredSources(SessionConfig config, ConfigValidator validator) {
        this.config = config;
        this.validator = validator;
    }

    static ConfiguredSources of(SessionConfig config, ConfigValidator validator) {
        return new ConfiguredSources(config, validator);
    }

    @Override
    public DataStream<Chunk> chunks(StreamExecutionEnvironment env) {
        DataStream<Chunk> all = null;
        for (int i = 0; i < config.sessions().size(); i++) {
            SessionSpec s = config.sessions().get(i);
            DataStream<Chunk> one = source(env, "sessions[" + i + "]", s);
            all = all == null ? one : all.union(one);
        }
        return all;
    }

    private DataStream<Chunk> source(StreamExecutionEnvironment env, String key, SessionSpec s) {
        throw new ConfigException(null, key + "." + s.sourceKind(), s.sourceKind() + " sources are not wired into the job yet");
    }
}
