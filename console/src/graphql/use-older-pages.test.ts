import { describe, expect, it } from '@jest/globals';
import { joinPages, readDownTo, stillFollows, type NewestFirstPage } from './use-older-pages.js';

interface Row {
  readonly id: string;
  readonly status: string;
}

const row = (id: string, status = 'started'): Row => ({ id, status });
const ids = (page: NewestFirstPage<Row>) => page.nodes.map((r) => r.id);

/** A newest-first list as the API pages it: the cursor names the last row of a page. */
function pagedList(rows: readonly Row[], size: number) {
  const reads: Array<string | null> = [];
  const readPage = async (after: string | null): Promise<NewestFirstPage<Row>> => {
    reads.push(after);
    const from = after === null ? 0 : rows.findIndex((r) => r.id === after) + 1;
    const nodes = rows.slice(from, from + size);
    return {
      nodes,
      pageInfo: { endCursor: nodes.at(-1)?.id ?? null, hasNextPage: from + size < rows.length },
    };
  };
  return { readPage, reads };
}

/** d<n> … d1: the newest first. */
const deployments = (newest: number) => Array.from({ length: newest }, (_, i) => row(`d${newest - i}`));

describe('joinPages', () => {
  it('appends the older rows the newer ones do not hold, and goes on where the older ones end', async () => {
    const { readPage } = pagedList(deployments(12), 5);
    const joined = joinPages(await readPage(null), await readPage('d8'));
    expect(ids(joined)).toEqual(['d12', 'd11', 'd10', 'd9', 'd8', 'd7', 'd6', 'd5', 'd4', 'd3']);
    expect(joined.pageInfo).toEqual({ endCursor: 'd3', hasNextPage: true });
  });

  it('shows a row both hold once, as the newer rows have it', () => {
    const newer = {
      nodes: [row('d3', 'succeeded'), row('d2')],
      pageInfo: { endCursor: 'd2', hasNextPage: true },
    };
    const older = {
      nodes: [row('d3'), row('d2'), row('d1')],
      pageInfo: { endCursor: 'd1', hasNextPage: false },
    };
    const joined = joinPages(newer, older);
    expect(joined.nodes).toEqual([row('d3', 'succeeded'), row('d2'), row('d1')]);
    expect(joined.pageInfo).toEqual({ endCursor: 'd1', hasNextPage: false });
  });
});

describe('stillFollows', () => {
  it('keeps older rows below a first page that moved by fewer rows than a page', async () => {
    const before = pagedList(deployments(12), 5);
    const older = joinPages(await before.readPage(null), await before.readPage('d8'));
    const after = pagedList(deployments(15), 5);
    const first = await after.readPage(null);
    expect(ids(first)).toEqual(['d15', 'd14', 'd13', 'd12', 'd11']);
    expect(stillFollows(first, older)).toBe(true);
    expect(ids(joinPages(first, older))).toEqual([
      ...['d15', 'd14', 'd13', 'd12', 'd11'],
      ...['d10', 'd9', 'd8', 'd7', 'd6', 'd5', 'd4', 'd3'],
    ]);
  });

  it('drops older rows once more than a page of new ones left a hole above them', async () => {
    const before = pagedList(deployments(12), 5);
    const older = joinPages(await before.readPage(null), await before.readPage('d8'));
    const first = await pagedList(deployments(18), 5).readPage(null);
    expect(ids(first)).toEqual(['d18', 'd17', 'd16', 'd15', 'd14']);
    expect(stillFollows(first, older)).toBe(false);
  });

  it('needs no older rows when the first page holds the whole list', async () => {
    const older = { nodes: [row('d2'), row('d1')], pageInfo: { endCursor: 'd1', hasNextPage: false } };
    const first = await pagedList(deployments(3), 5).readPage(null);
    expect(stillFollows(first, older)).toBe(false);
  });
});

describe('readDownTo', () => {
  it('reads page after page from the top until one holds the row', async () => {
    const { readPage, reads } = pagedList(deployments(12), 5);
    const read = await readDownTo(readPage, 'd4');
    expect(reads).toEqual([null, 'd8']);
    expect(ids(read)).toEqual(['d12', 'd11', 'd10', 'd9', 'd8', 'd7', 'd6', 'd5', 'd4', 'd3']);
    expect(read.pageInfo).toEqual({ endCursor: 'd3', hasNextPage: true });
  });

  it('stops at the end of a list that no longer holds the row', async () => {
    const { readPage, reads } = pagedList(deployments(7), 5);
    const read = await readDownTo(readPage, 'gone');
    expect(reads).toEqual([null, 'd3']);
    expect(read.nodes).toHaveLength(7);
    expect(read.pageInfo.hasNextPage).toBe(false);
  });
});
