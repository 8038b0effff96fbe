package dev.peft4j.bench.tf;

import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.proto.ConfigProto;

/** Sessions with the benchmark's thread settings. */
final class TfSessions {

    private TfSessions() {
    }

    static Session open(Graph graph, int intraOpThreads, int interOpThreads) {
        ConfigProto config = ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(intraOpThreads)
                .setInterOpParallelismThreads(interOpThreads)
                .build();
        return new Session(graph, config);
    }
}
