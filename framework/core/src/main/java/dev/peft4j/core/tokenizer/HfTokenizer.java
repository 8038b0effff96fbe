package dev.peft4j.core.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Hugging Face tokenizers library (through DJL's binding) driven by a checkpoint folder's {@code tokenizer.json},
 * with the pad token, padding side and model maximum length from {@code tokenizer_config.json} and
 * {@code special_tokens_map.json}.
 *
 * <p>The tokenizer.json pipeline (normalizer, pre-tokenizer, model, post-processor with its special tokens) runs as the
 * tokenizers library runs it, untouched: DJL's own Java-side emulation of tokenizer_config options is not used. Any
 * padding or truncation stored in tokenizer.json is replaced by this class's: no padding (batches pad), truncation to
 * the requested length, longest sequence first for pairs, as transformers does by default.
 */
public final class HfTokenizer implements TextTokenizer {

    private final Path dir;
    private final byte[] tokenizerJson;
    private final Vocabulary vocabulary;
    private final TokenizerSettings settings;
    private final long padId;
    /** The binding fixes truncation per instance; one instance per requested length, made on first use. */
    private final Map<Integer, HuggingFaceTokenizer> byMaxLength = new ConcurrentHashMap<>();
    /** Encodes without special tokens and without truncation, for text that is cut into blocks afterwards. */
    private volatile HuggingFaceTokenizer plain;
    private volatile boolean closed;

    private HfTokenizer(Path dir, byte[] tokenizerJson, Vocabulary vocabulary, TokenizerSettings settings,
            long padId) {
        this.dir = dir;
        this.tokenizerJson = tokenizerJson;
        this.vocabulary = vocabulary;
        this.settings = settings;
        this.padId = padId;
    }

    /** Loads the tokenizer of a checkpoint folder. */
    public static HfTokenizer open(Path checkpointDir) {
        Path file = checkpointDir.resolve(TokenizerJsonFiles.TOKENIZER);
        JsonNode json = TokenizerJsonFiles.readRequired(file);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Vocabulary vocabulary = Vocabulary.of(file, json);
        TokenizerSettings settings = TokenizerSettings.read(checkpointDir);
        HfTokenizer tokenizer = new HfTokenizer(checkpointDir, bytes, vocabulary, settings,
                resolvePadId(checkpointDir, vocabulary, settings));
        tokenizer.binding(1); // fail now, naming the file, if the library cannot read it
        return tokenizer;
    }

    /**
     * The pad token's id: the tokenizer's own pad token when it has one; else its eos token, which is what users of
     * GPT-2 and LLaMA do ({@code tokenizer.pad_token = tokenizer.eos_token}): they have no pad token, and the attention
     * mask keeps the padded positions out of every result.
     */
    private static long resolvePadId(Path dir, Vocabulary vocabulary, TokenizerSettings settings) {
        if (settings.padToken().isPresent()) {
            String token = settings.padToken().get();
            return vocabulary.id(token).orElseThrow(() -> new TokenizerLoadException(dir,
                    "the pad token '" + token + "' is not in " + TokenizerJsonFiles.TOKENIZER));
        }
        if (vocabulary.paddingId().isPresent()) {
            return vocabulary.paddingId().getAsLong();
        }
        if (settings.eosToken().isPresent()) {
            String token = settings.eosToken().get();
            return vocabulary.id(token).orElseThrow(() -> new TokenizerLoadException(dir,
                    "the eos token '" + token + "' (used as pad token) is not in " + TokenizerJsonFiles.TOKENIZER));
        }
        throw new TokenizerLoadException(dir, "the tokenizer has neither a pad token nor an eos token to pad with; "
                + "set \"pad_token\" in " + TokenizerJsonFiles.TOKENIZER_CONFIG);
    }

    @Override
    public Encoding encode(String text, String pair, int maxLength) {
        if (text == null) {
            throw new IllegalArgumentException("text to encode must not be null");
        }
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be at least 1, was " + maxLength);
        }
        HuggingFaceTokenizer binding = binding(maxLength);
        ai.djl.huggingface.tokenizers.Encoding encoding;
        try {
            encoding = pair == null ? binding.encode(text, true, false) : binding.encode(text, pair, true, false);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the tokenizer of " + dir + " cannot encode within " + maxLength
                    + " tokens: " + e.getMessage(), e);
        }
        return new Encoding(encoding.getIds(), encoding.getTypeIds());
    }

    /**
     * The tokens of {@code text} alone: no special tokens, no truncation, however long the text (continued
     * pretraining cuts the concatenated tokens of many texts into blocks itself).
     */
    public long[] encodePlain(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text to encode must not be null");
        }
        try {
            return plainBinding().encode(text, false, false).getIds();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the tokenizer of " + dir + " cannot encode the text: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public long padId() {
        return padId;
    }

    @Override
    public int vocabSize() {
        return vocabulary.size();
    }

    @Override
    public PaddingSide paddingSide() {
        return settings.paddingSide();
    }

    @Override
    public OptionalInt modelMaxLength() {
        return settings.modelMaxLength();
    }

    /** The id of a token (special or not) in this tokenizer's vocabulary, e.g. {@code [MASK]}. */
    public OptionalLong tokenId(String token) {
        return vocabulary.id(token);
    }

    /**
     * The mask token's id: {@code mask_token} of tokenizer_config.json (or special_tokens_map.json), else
     * {@code [MASK]} or {@code <mask>} when the vocabulary has one of them; empty for tokenizers without one (GPT-2).
     */
    public OptionalLong maskId() {
        if (settings.maskToken().isPresent()) {
            return vocabulary.id(settings.maskToken().get());
        }
        OptionalLong bert = vocabulary.id("[MASK]");
        return bert.isPresent() ? bert : vocabulary.id("<mask>");
    }

    /** The end-of-text token's id ({@code eos_token}), when the tokenizer names one. */
    public OptionalLong eosId() {
        return settings.eosToken().map(vocabulary::id).orElse(OptionalLong.empty());
    }

    /**
     * Ids that are never text: the added tokens tokenizer.json marks special, and the pad, mask and eos tokens, as
     * transformers' {@code all_special_ids}.
     */
    public Set<Long> specialIds() {
        Set<Long> ids = new HashSet<>(vocabulary.specialIds());
        ids.add(padId);
        maskId().ifPresent(ids::add);
        eosId().ifPresent(ids::add);
        return Set.copyOf(ids);
    }

    @Override
    public void close() {
        closed = true;
        byMaxLength.values().forEach(HuggingFaceTokenizer::close);
        byMaxLength.clear();
        if (plain != null) {
            plain.close();
        }
    }

    private HuggingFaceTokenizer binding(int maxLength) {
        if (closed) {
            throw new IllegalStateException("the tokenizer of " + dir + " is closed");
        }
        return byMaxLength.computeIfAbsent(maxLength, this::newBinding);
    }

    private HuggingFaceTokenizer plainBinding() {
        if (closed) {
            throw new IllegalStateException("the tokenizer of " + dir + " is closed");
        }
        if (plain == null) {
            synchronized (this) {
                if (plain == null) {
                    plain = load(Map.of("addSpecialTokens", "false", "padding", "false", "truncation", "false"));
                }
            }
        }
        return plain;
    }

    private HuggingFaceTokenizer newBinding(int maxLength) {
        String length = Integer.toString(maxLength);
        Map<String, String> options = Map.of(
                "addSpecialTokens", "true",
                "padding", "false",
                "truncation", "true",
                "maxLength", length,
                // the binding lowers maxLength to modelMaxLength (512 unless given): the caller's length rules
                "modelMaxLength", length);
        return load(options);
    }

    private HuggingFaceTokenizer load(Map<String, String> options) {
        DjlRuntime.keepOffline();
        try {
            return HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(tokenizerJson), options);
        } catch (IOException | RuntimeException e) {
            throw new TokenizerLoadException(dir.resolve(TokenizerJsonFiles.TOKENIZER),
                    "the tokenizers library cannot load it: " + e.getMessage(), e);
        }
    }
}
