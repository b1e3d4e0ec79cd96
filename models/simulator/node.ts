/**
 * Node-side helpers for the simulator's command-line tools: reading the committed calibration and
 * a catalogue (plain {"products":[...]} or a signed envelope), default paths.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CatalogueSchema } from '../../src/lib/domain/catalogue';
import type { Product } from '../../src/lib/domain/product';
import { CalibrationSchema, type Calibration } from './calibration';

export const CALIBRATION_PATH = fileURLToPath(new URL('./calibration.json', import.meta.url));
export const DEMO_CATALOGUE_PATH = fileURLToPath(new URL('../../src/lib/server/demo-catalogue.json', import.meta.url));

export function loadCalibration(path = CALIBRATION_PATH): Calibration {
  return CalibrationSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

export interface LoadedCatalogue {
  version: number | undefined;
  products: Product[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A catalogue file, validated; a signed envelope's `signed` body is read (signatures are not checked here). */
export function loadCatalogue(path = DEMO_CATALOGUE_PATH): LoadedCatalogue {
  const raw: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const body = isRecord(raw) && isRecord(raw['signed']) ? raw['signed'] : raw;
  if (!isRecord(body)) throw new Error(`${path}: expected {"products":[...]}`);
  const products = CatalogueSchema.parse({ products: body['products'] }).products;
  const version = typeof body['version'] === 'number' ? body['version'] : undefined;
  return { version, products };
}
