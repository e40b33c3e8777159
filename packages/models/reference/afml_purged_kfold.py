"""AFML snippet 7.3 (López de Prado, Advances in Financial Machine Learning, 2018, p. 109),
transcribed verbatim, run on the fixtures of mlfinlab's own PurgedKFold tests
(hudson-and-thames/mlfinlab, mlfinlab/tests/test_cross_validation.py at commit
c08dbe833e4652f46848b8567617d4efb0f4cec4: samples start every minute, end 2 minutes later).

Prints the train/test index sets used as literals in src/cv/purgedKFold.test.ts.
Run: python3 packages/models/reference/afml_purged_kfold.py
"""
import json
import numpy as np
import pandas as pd


class PurgedKFold:
    """Snippet 7.3 (sklearn's _BaseKFold plumbing dropped; split() body unchanged)."""

    def __init__(self, n_splits=3, t1=None, pctEmbargo=0.):
        self.n_splits = n_splits
        self.t1 = t1
        self.pctEmbargo = pctEmbargo

    def split(self, X):
        indices = np.arange(X.shape[0])
        mbrg = int(X.shape[0] * self.pctEmbargo)
        test_starts = [(i[0], i[-1] + 1) for i in np.array_split(np.arange(X.shape[0]), self.n_splits)]
        for i, j in test_starts:
            t0 = self.t1.index[i]  # start of test set
            test_indices = indices[i:j]
            maxT1Idx = self.t1.index.searchsorted(self.t1[test_indices].max())
            train_indices = self.t1.index.searchsorted(self.t1[self.t1 <= t0].index)
            if maxT1Idx < X.shape[0]:  # right train (with embargo)
                train_indices = np.concatenate((train_indices, indices[maxT1Idx + mbrg:]))
            yield train_indices, test_indices


def run(n, folds, embargo, horizon_minutes=2):
    t1 = pd.Series(
        index=pd.date_range(start='2019-01-01 00:00:00', periods=n, freq='min'),
        data=pd.date_range(start='2019-01-01 00:%02d:00' % horizon_minutes, periods=n, freq='min'),
    )
    X = np.zeros((n, 1))
    return [{'train': tr.tolist(), 'test': te.tolist()} for tr, te in PurgedKFold(folds, t1, embargo).split(X)]


if __name__ == '__main__':
    print(json.dumps({
        'n20_folds3_embargo0': run(20, 3, 0.0),
        'n100_folds3_embargo0.02': run(100, 3, 0.02),
        'n10_folds4_embargo0.1_h3': run(10, 4, 0.1, 3),
    }))
