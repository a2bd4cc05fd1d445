/** Running jobs in the top bar: title, a progress bar, and Cancel. */
import { jobsStore } from './jobs-store.ts';

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
            <button className="job-cancel" onClick={j.cancel} data-testid="job-cancel">Cancel</button>
          </div>
        );
      })}
    </div>
  );
}
