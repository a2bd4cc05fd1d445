/** Running jobs in the top bar: title, a progress bar, and Cancel. */
import { defineAction } from '../actions/types.ts';
import { run } from '../actions/registry.ts';
import { jobsStore } from './jobs-store.ts';

/** Stops a running job; what it made so far is kept or dropped by the job's owner, never half-applied. */
export const cancelJob = defineAction<{ id: number }>({
  name: 'jobs.cancel', label: 'Cancel a running job',
  perform: (_s, { id }) => { jobsStore.get().jobs.find((j) => j.id === id)?.cancel(); },
});

export function JobsBar() {
  const jobs = jobsStore.use((s) => s.jobs);
  if (jobs.length === 0) return null;
  return (
    <div className="jobs" data-testid="jobs">
      {jobs.map((j) => {
        const frac = j.progress && j.progress.total > 0 ? j.progress.done / j.progress.total : null;
        return (
          <div key={j.id} className="job" role="status" data-testid="job">
            <span className="job-title">{j.title}</span>
            <span className="job-bar" aria-hidden><span style={{ width: `${Math.round((frac ?? 0) * 100)}%` }} /></span>
            <span className="job-msg">{j.progress?.message ?? (frac !== null ? `${Math.round(frac * 100)}%` : 'starting…')}</span>
            <button className="job-cancel" onClick={() => run(cancelJob, { id: j.id })} data-testid="job-cancel">Cancel</button>
          </div>
        );
      })}
    </div>
  );
}
