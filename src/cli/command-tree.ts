// The whole command tree: every upstream damo 3.3 command, in upstream's order,
// then the older names that still work.
import { adjustCommand } from './commands/adjust.ts';
import { argsDamonCommand } from './commands/args-damon.ts';
import { convertRecordFormatCommand } from './commands/convert-record-format.ts';
import { diagnoseCommand } from './commands/diagnose.ts';
import { featuresCommand } from './commands/features.ts';
import { helpCommand } from './commands/help.ts';
import { lruSortCommand } from './commands/lru-sort.ts';
import { moduleCommand } from './commands/module.ts';
import { monitorCommand } from './commands/monitor.ts';
import { reclaimCommand } from './commands/reclaim.ts';
import { recordCommand } from './commands/record.ts';
import { replayCommand } from './commands/replay.ts';
import { reportAccessCommand } from './commands/report-access.ts';
import { reportDamonCommand } from './commands/report-damon.ts';
import { reportFootprintsCommand } from './commands/report-footprints.ts';
import { heatsToHeatmapArgs, reportHeatmapCommand, reportHeatsOptions } from './commands/report-heatmap.ts';
import { reportHolisticCommand } from './commands/report-holistic.ts';
import { reportNrRegionsCommand } from './commands/report-nr-regions.ts';
import { reportPaLayoutCommand } from './commands/report-pa-layout.ts';
import { reportProfileCommand } from './commands/report-profile.ts';
import { reportRecordInfoCommand } from './commands/report-record-info.ts';
import { reportSysinfoCommand } from './commands/report-sysinfo.ts';
import { reportTimesCommand } from './commands/report-times.ts';
import { reportTraceCommand } from './commands/report-trace.ts';
import { reportWssCommand } from './commands/report-wss.ts';
import { schemesCommand } from './commands/schemes.ts';
import { setupCliCompletionCommand } from './commands/setup-cli-completion.ts';
import { startCommand } from './commands/start.ts';
import { stopCommand } from './commands/stop.ts';
import { tuneCommand } from './commands/tune.ts';
import { validateCommand } from './commands/validate.ts';
import { versionCommand } from './commands/version.ts';
import { olderName } from './older-names.ts';
import type { CommandSpec } from './option-table.ts';

export const reportCommand: CommandSpec = {
  name: 'report',
  summary: 'turn records (or running DAMON) into reports',
  description:
    'Turn a record file, or the state of running DAMON, into a report. Each report type is a subcommand with its own options.',
  subcommandMetavar: '<report type>',
  examples: ['damo report access -i damon.data', 'damo report heatmap', 'damo report wss --range 0 101 25'],
  subcommands: [
    reportAccessCommand,
    reportDamonCommand,
    reportSysinfoCommand,
    reportRecordInfoCommand,
    reportHeatmapCommand,
    reportHolisticCommand,
    reportTraceCommand,
    reportPaLayoutCommand,
    reportWssCommand,
    reportFootprintsCommand,
    reportProfileCommand,
    reportTimesCommand,
    reportNrRegionsCommand,
    olderName('raw', reportAccessCommand, 'damo report access --raw_form', (a) => ({ ...a, raw_form: true })),
    olderName('heats', { ...reportHeatmapCommand, options: reportHeatsOptions }, 'damo report heatmap', heatsToHeatmapArgs),
  ],
};

export const argsCommand: CommandSpec = {
  name: 'args',
  summary: 'build complex arguments (DAMON parameters) for other commands',
  subcommandMetavar: '<kind>',
  examples: ['damo args damon --damos_action pageout --format yaml'],
  subcommands: [argsDamonCommand],
};

export const rootCommand: CommandSpec = {
  name: 'damo',
  summary: 'monitor data accesses with DAMON, steer memory with DAMOS, and report what was seen',
  description:
    'damo starts, tunes and stops DAMON (the Linux Data Access MONitor), records the access patterns it sees, and turns records into reports. Without a DAMON kernel it runs an embedded user-space DAMON on simulated workloads.',
  subcommandMetavar: '<command>',
  examples: ['damo report access -i damon.data', 'damo report heatmap -i damon.data', 'damo version'],
  subcommands: [
    startCommand,
    tuneCommand,
    stopCommand,
    recordCommand,
    reportCommand,
    replayCommand,
    moduleCommand,
    reclaimCommand,
    lruSortCommand,
    setupCliCompletionCommand,
    helpCommand,
    argsCommand,
    versionCommand,
    schemesCommand,
    monitorCommand,
    featuresCommand,
    validateCommand,
    adjustCommand,
    convertRecordFormatCommand,
    diagnoseCommand,
    olderName('record_info', reportRecordInfoCommand, 'damo report record_info'),
    olderName('pa_layout', reportPaLayoutCommand, 'damo report pa_layout'),
    olderName('show', reportAccessCommand, 'damo report access'),
    olderName('status', reportDamonCommand, 'damo report damon'),
    olderName('fmt_json', argsDamonCommand, 'damo args damon --format json', (a) => ({ ...a, format: 'json' })),
  ],
};
