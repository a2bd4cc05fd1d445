/** What every embedding importer returns: n×dim row-major vectors and, when the file had one, an id per row. */
export type ImportedEmbedding = {
  n: number;
  dim: number;
  data: Float32Array;
  ids?: string[];
  /** How it was read (dtype, column names), for the UI to say what is active. */
  source: string;
};

export type ImportOptions = {
  /** Column holding row ids (CSV/Parquet/Arrow). Default: a column named id/key/name/…, or the only non-numeric one. */
  idColumn?: string;
  /** Column holding the vectors as lists (Parquet/Arrow). Default: the first list column. */
  vectorColumn?: string;
};

/** Column names that mean "this is the row id", in order of preference. */
export const ID_NAMES = ['id', 'key', 'uid', 'item', 'item_id', 'name', 'filename', 'file', 'path', 'image', 'url'];

export function isIdName(name: string): boolean {
  return ID_NAMES.includes(name.trim().toLowerCase());
}
