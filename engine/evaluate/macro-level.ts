/**
 * What the macro level (clusters of templates: themes) does on a labelled data set. Loghub has no theme
 * labels, so these figures can say how coarse the themes are, whether they tear an event type apart,
 * and whether they keep to, and gather, the templates of one program (Loghub's Component column: a
 * syslog program, a Java logger class, an app component). They cannot say whether a cluster is a theme
 * a person would name: a program is only a proxy (one program writes several themes, the kernel most of
 * all; a theme such as "authentication failures" can span sshd and su).
 */
export interface MacroMeasures {
  templates: number;
  clusters: number;
  /** Clustered templates per cluster. */
  templatesPerCluster: number;
  /** Share of templates that are noise (a theme of their own), and share of events in them. */
  noiseTemplates: number;
  noiseEvents: number;
  /** Distinct event types (EventId) per cluster, mean over clusters: how much a theme gathers. */
  typesPerCluster: number;
  /** Share of lines whose event type lies wholly in one group (a cluster, or one noise template). */
  typesKeptWhole: number;
  /**
   * B-cubed agreement with programs, over templates (each template once, its program being the most
   * frequent Component of its lines; a noise template is a group of its own): purity = mean share of a
   * template's group from its program; gathering = mean share of its program's templates in its group;
   * F1 their harmonic mean. NaN when the set has no Component column or a single program.
   */
  programPurity: number;
  programGathering: number;
  programF1: number;
}

/**
 * `templateOfLine[i]`: the index (into `labels` and `counts`) of line i's template; `labels`: per
 * template its cluster or −1 (noise); `eventIds` and `components` per line.
 */
export function macroMeasures(
  templateOfLine: readonly number[],
  labels: Int32Array,
  counts: readonly number[],
  eventIds: readonly string[],
  components?: readonly string[],
): MacroMeasures {
  const n = labels.length;
  const clusters = new Set<number>();
  let noiseTemplates = 0;
  let noiseEvents = 0;
  let events = 0;
  for (let t = 0; t < n; t++) {
    events += counts[t];
    if (labels[t] >= 0) clusters.add(labels[t]);
    else {
      noiseTemplates++;
      noiseEvents += counts[t];
    }
  }
  // The group of a line: its cluster, or its template when that is noise.
  const groupOf = (t: number) => (labels[t] >= 0 ? `c${labels[t]}` : `t${t}`);
  const groupsOfType = new Map<string, Set<string>>();
  const typesOfCluster = new Map<number, Set<string>>();
  templateOfLine.forEach((t, i) => {
    let g = groupsOfType.get(eventIds[i]);
    if (!g) groupsOfType.set(eventIds[i], (g = new Set()));
    g.add(groupOf(t));
    if (labels[t] >= 0) {
      let s = typesOfCluster.get(labels[t]);
      if (!s) typesOfCluster.set(labels[t], (s = new Set()));
      s.add(eventIds[i]);
    }
  });
  let whole = 0;
  for (const type of eventIds) if (groupsOfType.get(type)!.size === 1) whole++;
  let types = 0;
  for (const s of typesOfCluster.values()) types += s.size;

  const program = components ? programs(templateOfLine, components, n) : undefined;
  let purity = NaN;
  let gathering = NaN;
  if (program && new Set(program).size > 1) {
    // B-cubed over templates: per template, the share of its group (its cluster, or itself when noise)
    // from its program, and the share of its program's templates in its group; means over templates.
    const groupOfTemplate = Array.from({ length: n }, (_, t) => groupOf(t));
    const size = new Map<string, number>();
    const sizeOfProgram = new Map<string, number>();
    const both = new Map<string, number>();
    for (let t = 0; t < n; t++) {
      size.set(groupOfTemplate[t], (size.get(groupOfTemplate[t]) ?? 0) + 1);
      sizeOfProgram.set(program[t], (sizeOfProgram.get(program[t]) ?? 0) + 1);
      const k = `${groupOfTemplate[t]}\u0000${program[t]}`;
      both.set(k, (both.get(k) ?? 0) + 1);
    }
    let p = 0;
    let r = 0;
    for (let t = 0; t < n; t++) {
      const shared = both.get(`${groupOfTemplate[t]}\u0000${program[t]}`)!;
      p += shared / size.get(groupOfTemplate[t])!;
      r += shared / sizeOfProgram.get(program[t])!;
    }
    purity = p / n;
    gathering = r / n;
  }
  const f1 = Number.isNaN(gathering) ? NaN : purity + gathering === 0 ? 0 : (2 * purity * gathering) / (purity + gathering);
  return {
    templates: n,
    clusters: clusters.size,
    templatesPerCluster: clusters.size === 0 ? 0 : (n - noiseTemplates) / clusters.size,
    noiseTemplates: n === 0 ? 0 : noiseTemplates / n,
    noiseEvents: events === 0 ? 0 : noiseEvents / events,
    typesPerCluster: typesOfCluster.size === 0 ? 0 : types / typesOfCluster.size,
    typesKeptWhole: eventIds.length === 0 ? 1 : whole / eventIds.length,
    programPurity: purity,
    programGathering: gathering,
    programF1: f1,
  };
}

/** Per template, the most frequent Component of its lines (the first seen on a tie). */
function programs(templateOfLine: readonly number[], components: readonly string[], n: number): string[] {
  const tallies = Array.from({ length: n }, () => new Map<string, number>());
  templateOfLine.forEach((t, i) => tallies[t].set(components[i], (tallies[t].get(components[i]) ?? 0) + 1));
  return tallies.map((m) => {
    let best = '';
    let bestCount = 0;
    for (const [c, k] of m) if (k > bestCount) [best, bestCount] = [c, k];
    return best;
  });
}
