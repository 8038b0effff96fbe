/**
 * Data preparation: raw labelled files in, train/validation/test example sets, label vocabulary, class weights and a
 * report out ({@link dev.peft4j.core.data.DataPipeline#prepare}); then tokenization and padded batches
 * ({@code batch}).
 *
 * <p>Order: load ({@code load}: CSV, TSV, JSONL, label-first; bad rows skipped and counted or fatal with file:line)
 * &rarr; clean ({@code clean}) &rarr; deduplicate within each file ({@code dedup}) &rarr; carve missing splits out of
 * train, stratified ({@code split}) &rarr; resolve rows found in two splits &rarr; balance and augment the training
 * split only ({@code balance}, {@code augment}). Balancing and augmentation come after splitting so that no copy or
 * variant of an evaluation row is trained on.
 *
 * <p>Streaming: rows are parsed one at a time and their cleaned texts written to a temporary file ({@code store});
 * memory holds a fixed-size index entry per row (offset, label, 64-bit text key, length: about 28 bytes), on which
 * duplicates, splits and balance are decided. Texts are read back lazily for augmentation and tokenization, and token
 * ids go to a second temporary file, so a file larger than the heap goes through.
 *
 * <p>Label vocabulary: sorted (numerically when every label is an integer), so indices do not depend on row order;
 * or exactly {@code data.labels} when configured. Length bounds are in words or characters (code points), as
 * {@code data.clean.length.unit} says; token truncation is {@code data.max-length}.
 */
package dev.peft4j.core.data;
