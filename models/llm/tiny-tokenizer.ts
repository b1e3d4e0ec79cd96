import { TINY_CHARS, TINY_WORDS } from './tiny-vocab';

/** BERT's special tokens, first in the vocabulary so that their ids are fixed. */
export const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;

/** token -> id: specials, then Chinese characters, then English words (duplicates dropped). */
export function tinyVocabulary(): Map<string, number> {
  const vocab = new Map<string, number>();
  for (const token of [...SPECIAL_TOKENS, ...Array.from(TINY_CHARS), ...TINY_WORDS]) {
    if (!vocab.has(token)) vocab.set(token, vocab.size);
  }
  return vocab;
}

function special(content: string, id: number) {
  return { id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true };
}

/**
 * A Hugging Face `tokenizer.json` for a WordPiece model, as a BERT checkpoint ships it: the BERT
 * normaliser (lower-case, one token per CJK character), [CLS] … [SEP] around each sequence.
 */
export function tokenizerJson(vocab: ReadonlyMap<string, number>): unknown {
  const id = (t: string): number => {
    const v = vocab.get(t);
    if (v === undefined) throw new Error(`${t} is not in the vocabulary`);
    return v;
  };
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((t) => special(t, id(t))),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } }
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [id('[CLS]')], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [id('[SEP]')], tokens: ['[SEP]'] }
      }
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab)
    }
  };
}

export function tokenizerConfigJson(maxLength: number): unknown {
  return {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    tokenize_chinese_chars: true,
    model_max_length: maxLength,
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    mask_token: '[MASK]'
  };
}
