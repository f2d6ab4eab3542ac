/** Made-up articles for readFixStatus, and the statuses the fix-status tests expect, shared by its test files. */
import { readFixStatus } from '../../src/signals/fix-status.js';
import type { FixStatus, Section } from '../../src/types.js';

export interface Parts {
  status?: string;
  resolution?: string;
  more?: string;
  sections?: Section[];
  keywords?: string[];
  appliesTo?: string[];
  products?: string[];
}

export function article(p: Parts) {
  const sections: Section[] = [...(p.sections ?? [])];
  if (p.status !== undefined) sections.push({ kind: 'status', heading: 'STATUS', text: p.status });
  if (p.resolution !== undefined) sections.push({ kind: 'resolution', heading: 'RESOLUTION', text: p.resolution });
  if (p.more !== undefined) sections.push({ kind: 'more-information', heading: 'MORE INFORMATION', text: p.more });
  return { sections, keywords: p.keywords ?? [], appliesTo: p.appliesTo ?? [], products: p.products ?? [], title: 'Made-up article' };
}

/** The status without the sentence it was read from (checked apart where it matters). */
export function readStatus(p: Parts): Omit<FixStatus, 'sentence'> {
  const { sentence: _sentence, ...rest } = readFixStatus(article(p));
  return rest;
}

export const fixed = (fixedIn: string, fixedVersions = [fixedIn], affected: string[] = []) => ({ state: 'fixed', fixedIn, affected, fixedVersions });
export const none = { state: 'none', affected: [], fixedVersions: [] };
export const confirmed = (affected: string[] = []) => ({ state: 'confirmed', affected, fixedVersions: [] });
export const byDesign = { state: 'by-design', affected: [], fixedVersions: [] };
