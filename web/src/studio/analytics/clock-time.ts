/**
 * A tick of a chart's time axis as a local clock time, HH:MM on 24 hours, whatever the language:
 * a host beside OBS reads "20:35", not uPlot's default "8:35pm" over a date.
 */
const clockTime = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

export const formatTick = (unixSeconds: number): string => clockTime.format(new Date(unixSeconds * 1000));
