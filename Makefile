.PHONY: run test

# Both targets are thin: dev.py does the work, so the quick start needs no make.
run:
	python3 dev.py serve

test:
	python3 dev.py test
