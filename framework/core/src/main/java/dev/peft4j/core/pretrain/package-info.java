/**
 * Continued pretraining ({@code peft4j pretrain}): a user's unlabelled text read as documents, tokenized, joined and
 * cut into fixed-size blocks ({@link dev.peft4j.core.pretrain.CorpusBlocks}), masked for a masked-LM objective
 * ({@link dev.peft4j.core.pretrain.TokenMasker}) or shifted for a causal one, trained by the host's trainer, and
 * evaluated as held-out loss and perplexity ({@link dev.peft4j.core.pretrain.HeldOutLoss}). The run itself is
 * {@link dev.peft4j.core.run.PretrainRun}.
 */
package dev.peft4j.core.pretrain;
