"""The savvy user's version of a small grid search, for the service to be measured against.

Four MLPs (depth 1, 2 x width 128, 256; ReLU; Adam 1e-3; batch 128; 2 epochs) on MNIST, trained in
2 processes at once with 1 thread each, as the service's 2-slot worker does: the 60,000 training images
split 54,000 / 6,000 (a seeded shuffle), a validation pass after each epoch, then the 10,000 test images.
No DataLoader, no Python per sample: batches are slices of one tensor. Prints each trial's test
accuracy and the wall time from start (interpreter and torch import included) to the last result.

    python3 bench/pytorch/grid.py [data dir, default data/mnist]
"""
import itertools
import os
import sys
import time

START = time.perf_counter()
os.environ.setdefault("OMP_NUM_THREADS", "1")

import multiprocessing as mp  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

DATA = sys.argv[1] if len(sys.argv) > 1 else os.path.join("data", "mnist")
GRID = list(itertools.product([1, 2], [128, 256]))


def idx(name, offset):
    return np.fromfile(os.path.join(DATA, name), dtype=np.uint8, offset=offset)


def load():
    images = torch.from_numpy(idx("train-images-idx3-ubyte", 16).astype(np.float32) / 255).view(-1, 1, 28, 28)
    labels = torch.from_numpy(idx("train-labels-idx1-ubyte", 8).astype(np.int64))
    test_images = torch.from_numpy(idx("t10k-images-idx3-ubyte", 16).astype(np.float32) / 255).view(-1, 1, 28, 28)
    test_labels = torch.from_numpy(idx("t10k-labels-idx1-ubyte", 8).astype(np.int64))
    order = torch.randperm(len(labels), generator=torch.Generator().manual_seed(42))
    train, val = order[:54000], order[54000:]
    return (images[train], labels[train]), (images[val], labels[val]), (test_images, test_labels)


def evaluate(model, images, labels):
    model.eval()
    correct, loss = 0, 0.0
    with torch.no_grad():
        for i in range(0, len(labels), 1000):
            out = model(images[i:i + 1000])
            loss += nn.functional.cross_entropy(out, labels[i:i + 1000], reduction="sum").item()
            correct += (out.argmax(1) == labels[i:i + 1000]).sum().item()
    return correct / len(labels), loss / len(labels)


def trial(point):
    torch.set_num_threads(1)
    depth, width = point
    (x, y), (vx, vy), (tx, ty) = load()
    torch.manual_seed(42)
    layers, inputs = [nn.Flatten()], 784
    for _ in range(depth):
        layers += [nn.Linear(inputs, width), nn.ReLU()]
        inputs = width
    model = nn.Sequential(*layers, nn.Linear(inputs, 10))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for _ in range(2):
        model.train()
        for batch in torch.randperm(len(y)).split(128):
            optimizer.zero_grad()
            nn.functional.cross_entropy(model(x[batch]), y[batch]).backward()
            optimizer.step()
        evaluate(model, vx, vy)
    return depth, width, evaluate(model, tx, ty)[0]


if __name__ == "__main__":
    with mp.get_context("fork").Pool(2) as pool:
        for depth, width, accuracy in pool.imap_unordered(trial, GRID):
            print(f"depth {depth} width {width}: test accuracy {accuracy:.4f}", flush=True)
    print(f"wall {time.perf_counter() - START:.2f} s")
