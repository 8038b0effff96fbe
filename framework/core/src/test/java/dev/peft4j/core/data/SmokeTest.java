package dev.peft4j.core.data;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeTest {
    @TempDir Path work;

    @Test
    void run() {
        for (String conf : List.of(
                "train = " + TestSettings.quoted(SharedData.dataset("sst2/train.tsv")) + ", validation = " + TestSettings.quoted(SharedData.dataset("sst2/dev.tsv")) + ", test = " + TestSettings.quoted(SharedData.dataset("sst2/test.tsv")) + ", text-column = 1, label-column = 0, label-type = integer",
                "train = " + TestSettings.quoted(SharedData.dataset("sms-spam/SMSSpamCollection.tsv")) + ", text-column = SMS, label-column = Label",
                "train = " + TestSettings.quoted(SharedData.dataset("stsb/train.tsv")) + ", validation = " + TestSettings.quoted(SharedData.dataset("stsb/dev.tsv")) + ", header = false, text-column = 7, text-pair-column = 8, label-column = 9, label-type = float",
                "train = " + TestSettings.quoted(SharedData.dataset("trec/train_5500.label")) + ", test = " + TestSettings.quoted(SharedData.dataset("trec/TREC_10.label")) + ", format = label-first, header = false, encoding = ISO-8859-1, label-pattern = \"^([A-Z]+):\"")) {
            long t = System.nanoTime();
            try (PreparedData data = DataPipeline.prepare(TestSettings.settings(conf), List.of(), work)) {
                System.out.println((System.nanoTime() - t) / 1e6 + " ms");
                System.out.println(data.report().toJson());
            }
        }
    }
}
