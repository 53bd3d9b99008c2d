// `damo report pa_layout` (and the older `damo pa_layout`): the physical address map
// with NUMA nodes and memory block states (spec/reports.md §17). Only reads
// /proc/iomem (DAMO_IOMEM stands in for it) and /sys/devices/system/{memory,node}
// (under DAMO_SYSFS_ROOT when set).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../base/user-error.ts';
import { REAL_SYSTEM_RAM_PATHS, type SystemRamPaths, systemRamEnv, systemRamRanges } from '../../kernel/system-ram.ts';
import { type MemoryBlock, formatPaLayout, formatRangeWithSize, iomemResources, paLayout } from '../../report/pa-layout.ts';
import type { CommandContext, CommandSpec, ParsedArgs } from '../option-table.ts';

function pathsFor(env: NodeJS.ProcessEnv): SystemRamPaths {
  const sys = env.DAMO_SYSFS_ROOT || '/sys';
  return {
    iomem: env.DAMO_IOMEM || REAL_SYSTEM_RAM_PATHS.iomem,
    nodeDir: join(sys, 'devices/system/node'),
    memoryDir: join(sys, 'devices/system/memory'),
  };
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new UserError(`cannot read ${path} (${what}): ${(e as Error).message}`);
  }
}

function listDir(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

/** Memory blocks with their node (from nodeN/memoryM entries) and state. */
function readMemoryBlocks(paths: SystemRamPaths): { blocks: MemoryBlock[]; blockSize: bigint } {
  const sizeText = readText(join(paths.memoryDir, 'block_size_bytes'), 'the memory block size').trim();
  if (!/^[0-9a-fA-F]+$/.test(sizeText)) throw new UserError(`${join(paths.memoryDir, 'block_size_bytes')} holds '${sizeText}', not a hex size`);
  const blockSize = BigInt(`0x${sizeText}`);
  const blocks: MemoryBlock[] = [];
  for (const node of listDir(paths.nodeDir)) {
    const nm = /^node(\d+)$/.exec(node);
    if (!nm) continue;
    for (const mem of listDir(join(paths.nodeDir, node))) {
      const mm = /^memory(\d+)$/.exec(mem);
      if (!mm) continue;
      let state = 'unknown';
      try {
        state = readFileSync(join(paths.memoryDir, mem, 'state'), 'utf8').trim();
      } catch {
        // a block without a readable state is still placed on its node
      }
      blocks.push({ index: BigInt(mm[1]), nid: Number(nm[1]), state });
    }
  }
  if (blocks.length === 0) throw new UserError(`no memory blocks found under ${paths.nodeDir} (a kernel without memory block sysfs?)`);
  return { blocks, blockSize };
}

function nodeArg(args: ParsedArgs, dest: string): number | null {
  const v = args[dest];
  if (v === null || v === undefined) return null;
  const text = String(v).trim();
  if (!/^\d+$/.test(text)) throw new UserError(`--${dest} takes a NUMA node id, not '${text}'`);
  return Number(text);
}

function run(args: ParsedArgs, ctx: CommandContext): void {
  const paths = pathsFor(ctx.env);
  const raw = Boolean(args.raw_number);
  const numaAddr = nodeArg(args, 'numa_addr');
  if (numaAddr !== null) {
    const ranges = systemRamEnv(paths).numaNodeRegions([BigInt(numaAddr)]);
    ctx.out(ranges.map((r) => `${formatRangeWithSize(r.start, r.end, raw)}\n`).join(''));
    return;
  }
  const iomem = readText(paths.iomem, 'the physical address map');
  const resources = iomemResources(iomem);
  if (resources.length === 0) throw new UserError(`${paths.iomem} lists no resources`);
  if (resources.every((r) => r.start === 0n && r.end === 1n)) {
    throw new UserError(`${paths.iomem} shows only zero addresses: reading the physical address map needs root`);
  }
  const { blocks, blockSize } = readMemoryBlocks(paths);
  const ram = systemRamRanges(iomem);
  const defaultRange = ram.length > 0 ? { start: ram[0].start, end: ram[ram.length - 1].end } : null;
  ctx.out(formatPaLayout(paLayout(resources, blocks, blockSize), { raw, nid: nodeArg(args, 'numa_node'), defaultRange }));
}

export const reportPaLayoutCommand: CommandSpec = {
  name: 'pa_layout',
  summary: 'show the layout of physical memory',
  description:
    "Show the physical address map: /proc/iomem's top-level resources, split by the NUMA node and state (online/offline) of the memory blocks they lie in, and the range a paddr target monitors by default. Reading real addresses from /proc/iomem needs root.",
  examples: [
    'sudo damo report pa_layout',
    'sudo damo report pa_layout --numa_node 1  # only the ranges of node 1',
    'sudo damo report pa_layout --numa_addr 0  # the System RAM ranges of node 0, as --numa_node of start would use',
  ],
  options: [
    { flags: ['--numa_addr'], metavar: '<node id>', help: 'print only the System RAM address ranges of this NUMA node' },
    { flags: ['--numa_node'], metavar: '<node id>', help: 'show only the ranges on this NUMA node' },
    { flags: ['--raw_number'], kind: 'flag', help: 'print plain numbers instead of human-readable sizes' },
  ],
  run,
};
