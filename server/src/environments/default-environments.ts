/** The environments of a new project (and of the first run's `default` project). */
export const DEFAULT_ENVIRONMENTS = [
  { key: 'development', name: 'Development', color: '#3b82f6', protected: false },
  { key: 'staging', name: 'Staging', color: '#f59e0b', protected: false },
  { key: 'production', name: 'Production', color: '#ef4444', protected: true },
] as const;
